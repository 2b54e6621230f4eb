package io.lifeboat.repository.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import org.junit.jupiter.api.Test;

class DirectIoTest {
    @Test
    void refusalsOfODirectAreToldFromOtherFailures() {
        assertThat(DirectIo.refusesDirectIo(new UnsupportedOperationException("DIRECT"))).isTrue();
        assertThat(DirectIo.refusesDirectIo(new FileSystemException("/x", null, "Invalid argument"))).isTrue();
        assertThat(DirectIo.refusesDirectIo(new IOException("Invalid argument"))).isTrue();
        // the JDK's own check, on a file system whose block size is larger than our alignment
        assertThat(DirectIo.refusesDirectIo(new IOException(
                "Channel position (4096) is not a multiple of the block size (65536)"))).isTrue();
        assertThat(DirectIo.refusesDirectIo(new IOException("No space left on device"))).isFalse();
        assertThat(DirectIo.refusesDirectIo(new AccessDeniedException("/x"))).isFalse();
        assertThat(DirectIo.refusesDirectIo(new FileSystemException("/x", null, "No space left on device"))).isFalse();
        assertThat(DirectIo.refusesDirectIo(new java.nio.file.NoSuchFileException("/x"))).isFalse();
    }

    @Test
    void buffersAreAlignedAndRoundedUp() {
        ByteBuffer b = DirectIo.alignedBuffer(5000);
        assertThat(b.isDirect()).isTrue();
        assertThat(b.capacity()).isEqualTo(8192);
        assertThat(b.alignmentOffset(0, DirectIo.ALIGN)).isZero();
        assertThat(DirectIo.roundUp(4096)).isEqualTo(4096);
        assertThat(DirectIo.roundUp(4097)).isEqualTo(8192);
        assertThat(DirectIo.aligned(8192)).isTrue();
        assertThat(DirectIo.aligned(8193)).isFalse();
    }
}
