package io.lifeboat.tls.diagnosis;

import java.time.Instant;

/**
 * The machine certificate this client held for the attempt.
 *
 * @param subject        its subject DN
 * @param notBefore      validity start
 * @param notAfter       validity end
 * @param expired        notAfter is before the local clock
 * @param notYetValid    notBefore is after the local clock
 * @param issuedByAnchor it is signed by the CA we trust for the server (the vault's CA)
 * @param presented      the client actually sent it (the server asked for a certificate)
 */
public record ClientCertificateFindings(String subject, Instant notBefore, Instant notAfter, boolean expired,
        boolean notYetValid, boolean issuedByAnchor, boolean presented) {

    public ClientCertificateFindings withPresented(boolean p) {
        return new ClientCertificateFindings(subject, notBefore, notAfter, expired, notYetValid, issuedByAnchor, p);
    }
}
