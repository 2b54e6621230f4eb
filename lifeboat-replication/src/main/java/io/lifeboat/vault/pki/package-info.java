/**
 * The vault's CA at work: the CA and server certificate at init, machine certificates issued from
 * CSRs (proof of possession checked, CN must be the machine name), built with the shared
 * {@link io.lifeboat.tls.pki.CertificateBuilder}.
 */
package io.lifeboat.vault.pki;
