package io.lifeboat.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeSyncTest {
    @TempDir
    Path tmp;

    @Test
    void theFallbackSyncsEveryFileAndReportsOneThatCannotBe() throws IOException {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            files.add(Files.writeString(tmp.resolve("f" + i), "data " + i));
        }
        assertThatCode(() -> TreeSync.syncEach(files)).doesNotThrowAnyException();
        assertThatCode(() -> TreeSync.sync(tmp, files)).doesNotThrowAnyException();
        files.add(tmp.resolve("gone"));
        assertThatThrownBy(() -> TreeSync.syncEach(files)).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("gone");
        assertThat(tmp.resolve("f99")).hasContent("data 99");
    }
}
