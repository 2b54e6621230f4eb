package io.lifeboat.vault.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** State files: a secret one owner-only, the others readable, no temporary file left behind. */
class JsonFilesTest {
    @TempDir
    Path dir;

    @Test
    void secretStateIsOwnerOnlyAndTheRestReadable() throws Exception {
        Path token = dir.resolve("tokens/t1.json");
        Path machine = dir.resolve("machines/m1.json");
        JsonFiles.write(token, Map.of("secret", "x"), true);
        JsonFiles.write(machine, Map.of("name", "m1"), false);
        JsonFiles.write(machine, Map.of("name", "m1", "revoked", true), false);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(token))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(machine))).isEqualTo("rw-r--r--");
        assertThat(JsonFiles.read(machine, Map.class)).containsEntry("revoked", true);
        try (Stream<Path> s = Files.list(machine.getParent())) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("m1.json");
        }
    }
}
