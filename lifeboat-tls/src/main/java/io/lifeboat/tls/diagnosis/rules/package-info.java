/**
 * One cause, one rule (as zlint lints): each class reads a {@link
 * io.lifeboat.tls.diagnosis.ConnectionEvidence} and either names its cause with the evidence and
 * the fix or stays silent. {@link io.lifeboat.tls.diagnosis.rules.Rules#ALL} lists them in the
 * order they are asked; a rule's conditions are written so that the order only breaks ties
 * between causes that really overlap (a reset that a cipher probe explains is NO_SHARED_CIPHER,
 * not a bare reset). Every fix that lies on a Windows host names {@code lifeboat readiness}.
 */
package io.lifeboat.tls.diagnosis.rules;
