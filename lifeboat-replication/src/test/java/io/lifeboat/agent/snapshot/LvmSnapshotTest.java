package io.lifeboat.agent.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The LVM command lines, recorded instead of run (no volume group to snapshot here). */
class LvmSnapshotTest {
    private static final String SNAP = "lifeboat-snap-" + ProcessHandle.current().pid();

    /** Records every command line and answers with {@code answer}. */
    private static final class Recorded implements Commands {
        final List<String> lines = new ArrayList<>();
        final Function<List<String>, Result> answer;

        Recorded(Function<List<String>, Result> answer) {
            this.answer = answer;
        }

        @Override
        public Result run(List<String> argv, Map<String, String> env) {
            lines.add(String.join(" ", argv));
            return answer.apply(argv);
        }
    }

    @Test
    void aLogicalVolumeIsSnapshottedReadFromTheSnapshotDeviceAndTheSnapshotRemoved() {
        Recorded lvm = new Recorded(argv -> argv.get(0).equals("lvs")
                ? new Commands.Result(0, "  vg0 data\n", "") : new Commands.Result(0, "", ""));
        Snapshot s = new LvmSnapshot(lvm).take(Path.of("/dev/mapper/vg0-data"));
        assertThat(s.path()).isEqualTo(Path.of("/dev/vg0/" + SNAP));
        assertThat(s.consistency()).isEqualTo(Consistency.CRASH_CONSISTENT);
        List<String> notices = new ArrayList<>();
        s.release(notices::add);
        assertThat(notices).isEmpty();
        assertThat(lvm.lines).containsExactly(
                "lvs --noheadings --options vg_name,lv_name /dev/mapper/vg0-data",
                "lvcreate --snapshot --extents 10%ORIGIN --name " + SNAP + " vg0/data",
                "lvremove --yes vg0/" + SNAP);
    }

    @Test
    void aDeviceThatIsNotALogicalVolumeIsRefusedBeforeAnythingIsCreated() {
        Recorded lvm = new Recorded(argv -> new Commands.Result(5, "",
                "  Failed to find logical volume \"/dev/sda\"\n"));
        assertThatThrownBy(() -> new LvmSnapshot(lvm).take(Path.of("/dev/sda")))
                .isInstanceOf(SnapshotException.class)
                .hasMessage("cannot take an LVM snapshot of /dev/sda: it is not a logical volume"
                        + " (lvs: Failed to find logical volume \"/dev/sda\")");
        assertThat(lvm.lines).hasSize(1);
    }

    @Test
    void aFailedCreateOrRemoveSaysWhatLvmSaid() {
        Recorded full = new Recorded(argv -> argv.get(0).equals("lvs") ? new Commands.Result(0, "vg0 data", "")
                : new Commands.Result(5, "", "  Volume group \"vg0\" has insufficient free space (0 extents)"));
        assertThatThrownBy(() -> new LvmSnapshot(full).take(Path.of("/dev/vg0/data")))
                .hasMessage("cannot take an LVM snapshot of /dev/vg0/data: lvcreate: Volume group \"vg0\" has"
                        + " insufficient free space (0 extents)");
        Recorded stuck = new Recorded(argv -> argv.get(0).equals("lvs") ? new Commands.Result(0, "vg0 data", "")
                : argv.get(0).equals("lvremove") ? new Commands.Result(5, "", "Logical volume in use")
                : new Commands.Result(0, "", ""));
        List<String> notices = new ArrayList<>();
        new LvmSnapshot(stuck).take(Path.of("/dev/vg0/data")).release(notices::add);
        assertThat(notices).singleElement().asString().contains("lvremove: Logical volume in use")
                .contains("'lvremove vg0/" + SNAP + "'");
    }
}
