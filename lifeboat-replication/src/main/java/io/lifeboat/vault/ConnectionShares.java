package io.lifeboat.vault;

import io.lifeboat.tls.LifeboatException;
import io.lifeboat.vault.http.ConnectionGuard;

/**
 * How many connections clients may hold at once: {@code connections} in {@code V/vault.json}, each
 * field optional (a field left out, or the whole object, keeps {@link ConnectionGuard.Limits#DEFAULT}'s).
 * Raising {@code perAddress} is for a vault behind a TCP load balancer that hides client addresses:
 * every client without a machine certificate then comes from the balancer's one address.
 *
 * @param perMachine         connections one machine (by its certificate's name) may hold
 * @param perAddress         connections one address may hold without a machine certificate
 * @param withoutCertificate connections all clients without a machine certificate may hold together
 */
public record ConnectionShares(Integer perMachine, Integer perAddress, Integer withoutCertificate) {
    /** An agent holds one connection, and up to five more while it uploads in parallel; the rest is spare. */
    public static final int MIN_PER_MACHINE = 8;

    public ConnectionShares {
        if (perMachine != null && perMachine < MIN_PER_MACHINE) {
            throw refused("perMachine is " + perMachine + ": it must be at least " + MIN_PER_MACHINE
                    + ", since an agent holds up to 6 connections while it uploads");
        }
        if (perAddress != null && perAddress < 1) {
            throw refused("perAddress is " + perAddress + ": it must be at least 1");
        }
        int address = perAddress == null ? ConnectionGuard.Limits.DEFAULT.perAddress() : perAddress;
        if (withoutCertificate != null && withoutCertificate < address) {
            throw refused("withoutCertificate is " + withoutCertificate + ": it must be at least perAddress (" + address + ")");
        }
    }

    /** The guard's limits: these shares, the defaults where a field is left out. */
    public ConnectionGuard.Limits limits() {
        ConnectionGuard.Limits d = ConnectionGuard.Limits.DEFAULT;
        int address = perAddress == null ? d.perAddress() : perAddress;
        return new ConnectionGuard.Limits(perMachine == null ? d.perMachine() : perMachine, address,
                withoutCertificate == null ? Math.max(d.withoutCertificate(), address) : withoutCertificate,
                d.idle(), d.silent());
    }

    private static LifeboatException refused(String what) {
        return new LifeboatException(LifeboatException.Kind.USAGE, "connections." + what);
    }
}
