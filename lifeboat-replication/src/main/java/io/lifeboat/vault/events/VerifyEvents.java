package io.lifeboat.vault.events;

import io.lifeboat.repository.VerifyReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** Records the result of {@code lifeboat verify} in the vault's event log (a repository outside a vault folder has none). */
public final class VerifyEvents {
    private VerifyEvents() {
    }

    public static VaultEvent of(Instant now, String machine, VerifyReport r) {
        return VaultEvent.of(now, EventType.VERIFY, machine,
                (r.ok() ? "verify found no damage in " : "verify found " + r.damaged().size() + " damaged blocks in ")
                        + r.blocksChecked() + " blocks",
                "ok", Boolean.toString(r.ok()), "blocksChecked", Long.toString(r.blocksChecked()),
                "damaged", Integer.toString(r.damaged().size()),
                "pointsAffected", Integer.toString(r.affectedPoints().size()));
    }

    /** Appends the event when {@code vaultDir} is a vault folder; answers whether it did. */
    public static boolean record(Path vaultDir, Instant now, String machine, VerifyReport r) {
        if (!Files.isRegularFile(vaultDir.resolve("vault.json"))) {
            return false;
        }
        EventLog.in(vaultDir).append(of(now, machine, r));
        return true;
    }
}
