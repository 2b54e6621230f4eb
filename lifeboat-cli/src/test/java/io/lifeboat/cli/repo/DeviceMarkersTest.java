package io.lifeboat.cli.repo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The default folder of block devices' incomplete markers: off /dev, per user. */
class DeviceMarkersTest {
    @Test
    void rootKeepsThemUnderVarLibAndOthersInTheirStateFolder() {
        assertThat(DeviceMarkers.defaultFolder("root", "/root", Map.of())).isEqualTo(Path.of("/var/lib/lifeboat/incomplete"));
        assertThat(DeviceMarkers.defaultFolder("ops", "/home/ops", Map.of()))
                .isEqualTo(Path.of("/home/ops/.local/state/lifeboat/incomplete"));
        assertThat(DeviceMarkers.defaultFolder("ops", "/home/ops", Map.of("XDG_STATE_HOME", "/srv/state")))
                .isEqualTo(Path.of("/srv/state/lifeboat/incomplete"));
        assertThat(DeviceMarkers.folder(Path.of("/given"))).isEqualTo(Path.of("/given"));
    }
}
