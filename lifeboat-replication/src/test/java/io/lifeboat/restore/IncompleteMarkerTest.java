package io.lifeboat.restore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the incomplete marker lives: beside a file, and for a block device in the folder the caller
 * names (a marker in /dev would not survive a reboot), still finding one an earlier run left beside it.
 */
class IncompleteMarkerTest {
    @TempDir
    Path tmp;

    @Test
    void aFilesMarkerIsBesideIt() {
        IncompleteMarker m = IncompleteMarker.of(tmp.resolve("disk.img"), tmp.resolve("markers"));
        assertThat(m.path()).isEqualTo(tmp.resolve("disk.img.lifeboat-incomplete"));
    }

    @Test
    void aDevicesMarkerIsKeptInTheMarkerFolderNamedByItsPath() throws Exception {
        Path markers = tmp.resolve("state/incomplete");
        IncompleteMarker m = IncompleteMarker.at(Path.of("/dev/vg-dr/db-1"), markers, true);
        assertThat(m.path()).isEqualTo(markers.resolve("%2Fdev%2Fvg-dr%2Fdb-1.lifeboat-incomplete"));
        m.write("db-1", "20261206T100009Z-77ab0000", w -> { throw new AssertionError(w); });
        assertThat(Files.readString(m.path())).startsWith("machine db-1 point 20261206T100009Z-77ab0000\n");
        assertThat(IncompleteMarker.at(Path.of("/dev/vg-dr/db-1"), markers, true).left())
                .contains("machine db-1 point 20261206T100009Z-77ab0000");
        m.remove();
        assertThat(m.path()).doesNotExist();
        assertThat(markers).isEmptyDirectory();
    }

    @Test
    void aMarkerAnEarlierRunLeftBesideTheDeviceIsFoundAndRemoved() throws Exception {
        Path device = tmp.resolve("dev/sdb"); // stands for a device: the test names the placement itself
        Files.createDirectories(device.getParent());
        Path old = Files.writeString(tmp.resolve("dev/sdb.lifeboat-incomplete"), "machine web-1 point P1\nstarted ...\n");
        IncompleteMarker m = IncompleteMarker.at(device, tmp.resolve("markers"), true);
        assertThat(m.left()).contains("machine web-1 point P1");
        assertThat(m.standing()).isEqualTo(old);
        m.write("web-1", "P2", w -> { throw new AssertionError(w); });
        assertThat(m.standing()).isEqualTo(m.path());
        m.remove();
        assertThat(old).doesNotExist();
        assertThat(m.path()).doesNotExist();
    }

    @Test
    void theMarkersFolderAndEveryFolderMadeForItAreSynced() {
        Path markers = tmp.resolve("state/incomplete");
        List<Path> synced = new ArrayList<>();
        IncompleteMarker m = IncompleteMarker.at(Path.of("/dev/vg-dr/db-1"), markers, true, synced::add);
        m.write("db-1", "P1", w -> { throw new AssertionError(w); });
        assertThat(synced).containsExactly(markers, tmp.resolve("state"), tmp);
    }

    @Test
    void aMarkerWhoseFolderCannotBeSyncedIsStillWrittenAndTheFailoverIsWarned() throws Exception {
        Path target = tmp.resolve("disk.img");
        IncompleteMarker m = IncompleteMarker.at(target, null, false, folder -> {
            throw new IOException("Input/output error");
        });
        List<String> warnings = new ArrayList<>();
        m.write("web-1", "P1", warnings::add);
        assertThat(m.path()).exists();
        assertThat(warnings).singleElement().asString()
                .contains(m.path().toString()).contains("cannot be synced (Input/output error)")
                .contains("crashes before the failover ends");
        m.write("web-1", "P1", warnings::add); // once only
        assertThat(warnings).hasSize(1);
        m.remove(); // a failed sync after the removal is harmless and quiet
        assertThat(m.path()).doesNotExist();
    }
}
