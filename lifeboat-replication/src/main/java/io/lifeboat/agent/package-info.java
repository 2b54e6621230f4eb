/**
 * The agent's side of the foundation: its folder ({@link io.lifeboat.agent.AgentLayout}),
 * enrolment ({@link io.lifeboat.agent.AgentEnrolment}), renewal
 * ({@link io.lifeboat.agent.CertificateRenewal}) and the blocking mutual-TLS client
 * ({@link io.lifeboat.agent.VaultClient}) that everything the agent does to the vault goes through.
 *
 * <p>Enrolment trusts on first contact, pinned: the vault's chain must contain the CA whose SHA-256
 * the token carries, then validate against it. The private key is made here and never sent.
 *
 * <p>Not given: retries (callers decide), proxies, HTTP/2.
 */
package io.lifeboat.agent;
