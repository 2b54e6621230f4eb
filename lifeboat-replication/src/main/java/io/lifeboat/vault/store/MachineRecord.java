package io.lifeboat.vault.store;

import java.time.Instant;
import java.util.List;

/**
 * A machine the vault knows ({@code state/machines/<name>.json}).
 *
 * @param name         the machine name (the CN of its certificates)
 * @param status       ACTIVE, or REVOKED (every certificate refused from the next request on)
 * @param enrolled     when it last enrolled
 * @param revoked      when it was revoked, or null
 * @param certificates the certificates issued since its last enrolment, newest last; only these
 *                     are accepted (a new enrolment drops the older ones)
 */
public record MachineRecord(String name, Status status, Instant enrolled, Instant revoked,
        List<IssuedCertificate> certificates) {

    public enum Status { ACTIVE, REVOKED }

    public MachineRecord {
        certificates = List.copyOf(certificates);
    }

    /** The newest certificate's expiry, or null. */
    public Instant notAfter() {
        return certificates.isEmpty() ? null : certificates.get(certificates.size() - 1).notAfter();
    }

    public boolean holds(String fingerprint) {
        return certificates.stream().anyMatch(c -> c.fingerprint().equals(fingerprint));
    }
}
