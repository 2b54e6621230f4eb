package io.lifeboat.vault.store;

import io.lifeboat.tls.LifeboatException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The three changes of a machine record, as pure functions of the record read and the time: every registry applies these. */
final class MachineChanges {
    private MachineChanges() {
    }

    static MachineRecord enrolled(String name, IssuedCertificate cert, Instant now) {
        return new MachineRecord(name, MachineRecord.Status.ACTIVE, now, null, List.of(cert));
    }

    /** @throws LifeboatException IDENTITY_REJECTED when the machine is not enrolled */
    static MachineRecord renewed(String name, Optional<MachineRecord> current, IssuedCertificate cert, Instant now) {
        MachineRecord old = current.orElseThrow(() -> new LifeboatException(
                LifeboatException.Kind.IDENTITY_REJECTED, "machine '" + name + "' is not enrolled"));
        List<IssuedCertificate> certs = new ArrayList<>();
        for (IssuedCertificate c : old.certificates()) {
            // expired ones go; so does this very certificate when a retried write already added it
            if (c.notAfter().isAfter(now) && !c.fingerprint().equals(cert.fingerprint())) {
                certs.add(c);
            }
        }
        certs.add(cert);
        return new MachineRecord(name, old.status(), old.enrolled(), old.revoked(), certs);
    }

    /** @throws LifeboatException USAGE when the vault does not know the machine */
    static MachineRecord revoked(String name, Optional<MachineRecord> current, Instant now) {
        MachineRecord old = current.orElseThrow(() -> new LifeboatException(LifeboatException.Kind.USAGE,
                "the vault knows no machine '" + name + "' (see `lifeboat vault machines`)"));
        return new MachineRecord(name, MachineRecord.Status.REVOKED, old.enrolled(),
                old.revoked() != null ? old.revoked() : now, old.certificates());
    }
}
