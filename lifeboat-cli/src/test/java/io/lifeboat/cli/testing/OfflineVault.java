package io.lifeboat.cli.testing;

import io.lifeboat.vault.HostPort;
import io.lifeboat.vault.store.IssuedCertificate;
import io.lifeboat.vault.Vault;
import io.lifeboat.vault.VaultLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A vault folder made in this JVM for commands that read it without it serving ({@code vault rpo},
 * {@code plan validate}, {@code plan run}): machines are recorded as enrolled, as their tokens would
 * have done, each with a made-up certificate valid for 30 days.
 */
public final class OfflineVault {
    private OfflineVault() {
    }

    /** A new vault in {@code dir} with {@code machines} enrolled. */
    public static Vault withMachines(Path dir, String... machines) throws IOException {
        Vault v = Vault.init(new VaultLayout(dir), List.of(), new HostPort("127.0.0.1", 7443), Clock.systemUTC());
        for (String m : machines) {
            enrol(v, m);
        }
        return v;
    }

    /** Records {@code machine} as enrolled in {@code v}. */
    public static void enrol(Vault v, String machine) throws IOException {
        Instant now = Instant.now();
        v.machines().enrolled(machine, new IssuedCertificate(machine + "-fp", "1", now, now.plus(Duration.ofDays(30))));
    }
}
