package io.lifeboat.agent.snapshot;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An LVM snapshot of a source that is a logical volume (its device, e.g. {@code /dev/vg0/data} or
 * {@code /dev/mapper/vg0-data}):
 * <pre>
 *   lvs --noheadings --options vg_name,lv_name SOURCE          which volume group and volume it is
 *   lvcreate --snapshot --extents 10%ORIGIN --name lifeboat-snap-PID VG/LV
 *   ... the pass reads /dev/VG/lifeboat-snap-PID ...
 *   lvremove --yes VG/lifeboat-snap-PID
 * </pre>
 * The snapshot's copy-on-write area is 10% of the volume (what {@code --extents 10%ORIGIN} asks
 * for): a volume that changes more than that during the pass invalidates the snapshot, the read
 * fails and no point is made. Needs root and the LVM tools. A folder on a logical volume is not
 * handled here (its snapshot would have to be mounted): use {@link ScriptSnapshot} for that.
 */
public record LvmSnapshot(Commands commands) implements SnapshotProvider {
    static final String COW_SIZE = "10%ORIGIN";

    @Override
    public String name() {
        return "lvm";
    }

    @Override
    public Snapshot take(Path source) {
        String device = source.toString();
        Commands.Result lvs = commands.run(List.of("lvs", "--noheadings", "--options", "vg_name,lv_name", device),
                Map.of());
        String[] names = lvs.stdout().strip().split("\\s+");
        if (!lvs.ok() || names.length != 2) {
            throw new SnapshotException("cannot take an LVM snapshot of " + source + ": it is not a logical volume ("
                    + (lvs.ok() ? "lvs named no volume" : "lvs: " + lvs.reason()) + ")");
        }
        String vg = names[0];
        String snap = "lifeboat-snap-" + ProcessHandle.current().pid();
        Commands.Result created = commands.run(create(vg, names[1], snap), Map.of());
        if (!created.ok()) {
            throw new SnapshotException("cannot take an LVM snapshot of " + source + ": lvcreate: " + created.reason());
        }
        Path snapshotDevice = Path.of("/dev", vg, snap);
        return new Snapshot() {
            @Override
            public Path path() {
                return snapshotDevice;
            }

            @Override
            public Consistency consistency() {
                return Consistency.CRASH_CONSISTENT;
            }

            @Override
            public void release(Consumer<String> notices) {
                Commands.Result removed = commands.run(remove(vg, snap), Map.of());
                if (!removed.ok()) {
                    notices.accept("cannot remove the LVM snapshot " + vg + "/" + snap + " (lvremove: " + removed.reason()
                            + "): remove it with 'lvremove " + vg + "/" + snap + "' before it fills up");
                }
            }
        };
    }

    static List<String> create(String vg, String lv, String snap) {
        return List.of("lvcreate", "--snapshot", "--extents", COW_SIZE, "--name", snap, vg + "/" + lv);
    }

    static List<String> remove(String vg, String snap) {
        return List.of("lvremove", "--yes", vg + "/" + snap);
    }
}
