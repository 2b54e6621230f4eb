package io.lifeboat.vault.store;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The machines a vault knows. Two implementations run one contract ({@code MachineRegistryContract}):
 * {@link LocalMachineRegistry}, one JSON file each under {@code V/state/machines/}, and
 * {@link StoreMachineRegistry}, one record each in the repository's store, shared by every vault node
 * on it. Both are read on every authorisation, so a revocation made anywhere (the operator's
 * {@code vault revoke}, or another node) refuses the machine from its next request on.
 */
public interface MachineRegistry {

    /** Why a presented certificate is not accepted. */
    enum Refusal { UNKNOWN, REVOKED, NOT_CURRENT }

    Optional<MachineRecord> find(String name);

    /** Every machine, sorted by name. */
    List<MachineRecord> list();

    /** A (re-)enrolment: the machine is active again with only this certificate. */
    MachineRecord enrolled(String name, IssuedCertificate cert) throws IOException;

    /** A renewal: adds the new certificate, forgets expired ones. */
    MachineRecord renewed(String name, IssuedCertificate cert) throws IOException;

    /** @throws io.lifeboat.tls.LifeboatException USAGE when the vault does not know {@code name} */
    MachineRecord revoke(String name) throws IOException;

    /**
     * True when a lookup is a network round trip (a store): the server then runs {@link #check} on a
     * worker thread instead of the event loop.
     */
    default boolean remote() {
        return false;
    }

    /** Empty when {@code name}'s certificate {@code fingerprint} may call the vault now. */
    default Optional<Refusal> check(String name, String fingerprint) {
        Optional<MachineRecord> r = find(name);
        if (r.isEmpty()) {
            return Optional.of(Refusal.UNKNOWN);
        }
        if (r.get().status() == MachineRecord.Status.REVOKED) {
            return Optional.of(Refusal.REVOKED);
        }
        return r.get().holds(fingerprint) ? Optional.empty() : Optional.of(Refusal.NOT_CURRENT);
    }
}
