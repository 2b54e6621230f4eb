package io.lifeboat.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EarlyWritebackTest {
    @TempDir
    Path tmp;

    @Test
    void aSyncStartsAfterEachStretchOfWritesAndNoneBefore() throws IOException {
        try (FileChannel ch = FileChannel.open(tmp.resolve("f"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                EarlyWriteback early = new EarlyWriteback(ch)) {
            early.wrote(EarlyWriteback.EVERY - 1);
            assertThat(early.syncs()).isZero();
            early.wrote(1);
            assertThat(early.syncs()).isEqualTo(1);
            early.awaitRunning();
            early.wrote(EarlyWriteback.EVERY);
            early.awaitRunning();
            assertThat(early.syncs()).isEqualTo(2);
        }
    }

    @Test
    void aBackgroundSyncThatFailsIsThrownToTheWriter() throws IOException {
        FileChannel ch = FileChannel.open(tmp.resolve("f"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        ch.close(); // its sync fails
        try (EarlyWriteback early = new EarlyWriteback(ch)) {
            early.wrote(EarlyWriteback.EVERY);
            assertThatThrownBy(early::awaitRunning).isInstanceOf(ClosedChannelException.class);
        }
    }
}
