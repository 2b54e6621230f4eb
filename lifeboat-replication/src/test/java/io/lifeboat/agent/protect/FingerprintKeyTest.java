package io.lifeboat.agent.protect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.tls.LifeboatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintKeyTest {
    @TempDir
    Path tmp;

    @Test
    void isMadeOnceOwnerOnlyAndReadBackTheSame() throws IOException {
        Path file = tmp.resolve("agent/fingerprint.key");
        FingerprintKey made = FingerprintKey.loadOrCreate(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(FingerprintKey.loadOrCreate(file)).isEqualTo(made);
        assertThat(Files.readString(file).strip()).hasSize(16);
        try (var files = Files.list(file.getParent())) {
            assertThat(files).as("no temporary file left").containsExactly(file);
        }
        assertThat(made.toString()).doesNotContain(Long.toHexString(made.seed()));
    }

    @Test
    void aDamagedKeyOrALinkIsRefusedWithTheReason() throws IOException {
        Path bad = tmp.resolve("bad.key");
        Files.writeString(bad, "not hex\n");
        assertThatThrownBy(() -> FingerprintKey.loadOrCreate(bad)).isInstanceOf(LifeboatException.class)
                .hasMessageContaining("is not 16 hex digits");
        Path link = tmp.resolve("link.key");
        Files.createSymbolicLink(link, tmp.resolve("elsewhere"));
        assertThatThrownBy(() -> FingerprintKey.loadOrCreate(link)).hasMessageContaining("symbolic link");
        assertThat(tmp.resolve("elsewhere")).doesNotExist();
    }
}
