package io.lifeboat.vault.events;

import io.lifeboat.repository.PointInfo;
import io.lifeboat.repository.PruneReport;
import io.lifeboat.repository.VerifyReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Collectors;

/**
 * Events of the operator's commands that run beside (or instead of) a serving vault: {@code lifeboat
 * verify} and {@code lifeboat prune}. They append to the vault's event log themselves ({@link EventLog}
 * is safe beside a serving vault); a repository outside a vault folder has no log.
 */
public final class CommandEvents {
    private CommandEvents() {
    }

    public static VaultEvent verify(Instant now, String machine, VerifyReport r) {
        return VaultEvent.of(now, EventType.VERIFY, machine,
                (r.ok() ? "verify found no damage in " : "verify found " + r.damaged().size() + " damaged blocks in ")
                        + r.blocksChecked() + " blocks",
                "ok", Boolean.toString(r.ok()), "blocksChecked", Long.toString(r.blocksChecked()),
                "damaged", Integer.toString(r.damaged().size()),
                "pointsAffected", Integer.toString(r.affectedPoints().size()));
    }

    /** A prune that deleted something (a dry run deletes nothing and is not an event). */
    public static VaultEvent prune(Instant now, String machine, PruneReport r) {
        return VaultEvent.of(now, EventType.PRUNE, machine,
                "prune removed " + r.removed().size() + " point(s), deleted " + r.packsDeleted() + " pack(s), repacked "
                        + r.packsRepacked(),
                "removed", r.removed().stream().map(CommandEvents::name).collect(Collectors.joining(",")),
                "packsDeleted", Integer.toString(r.packsDeleted()), "packsRepacked", Integer.toString(r.packsRepacked()),
                "packsWaiting", Integer.toString(r.packsWaiting()));
    }

    /** Appends {@code event} when {@code vaultDir} is a vault folder; answers whether it did. */
    public static boolean record(Path vaultDir, VaultEvent event) {
        if (!Files.isRegularFile(vaultDir.resolve("vault.json"))) {
            return false;
        }
        EventLog.in(vaultDir).append(event);
        return true;
    }

    private static String name(PointInfo p) {
        return p.machine() + "/" + p.id();
    }
}
