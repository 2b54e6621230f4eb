package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The frame itself; the codecs' tests (PackIndexCodecTest, OwnershipCodecTest) refuse every cut and flipped bit through it. */
class FramedRecordsTest {
    private static final FramedRecords FRAME = new FramedRecords(new byte[] {'L', 'B', 'T', 'S', 'T', 1}, 3, "test file", "thing");

    @Test
    void aFrameReadsBackAsWritten() {
        ByteBuffer out = FRAME.start("abc", 2);
        out.put(new byte[] {1, 2, 3, 4, 5, 6});
        byte[] bytes = FRAME.finish(out);
        assertThat(bytes).hasSize(6 + 4 + 2 + 3 + 6 + 4);
        FramedRecords.Frame f = FRAME.check(bytes, "things/abc");
        assertThat(f.name()).isEqualTo("abc");
        assertThat(f.count()).isEqualTo(2);
        assertThat(f.recordsAt()).isEqualTo(15);
        assertThat(bytes[f.recordsAt() + 5]).isEqualTo((byte) 6);
        assertThat(FRAME.isBinary(bytes)).isTrue();
        assertThat(FRAME.isBinary("{\"version\":1}".getBytes())).isFalse();
    }

    @Test
    void aFrameWhoseRecordsWereNotAllPutIsNotFinished() {
        ByteBuffer out = FRAME.start("abc", 2);
        out.put(new byte[] {1, 2, 3});
        assertThatThrownBy(() -> FRAME.finish(out)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("3 bytes of records were not put");
    }

    @Test
    void anEmptyNameIsRefused() {
        assertThatThrownBy(() -> FRAME.start("", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a thing name of 0 characters");
    }

    @Test
    void anotherVersionIsNamedWithItsOffset() {
        ByteBuffer out = FRAME.start("abc", 0);
        byte[] bytes = FRAME.finish(out);
        bytes[5] = 2;
        assertThatThrownBy(() -> FRAME.check(bytes, "things/abc"))
                .hasMessageContaining("things/abc: binary test file format version 2 at offset 5; this Lifeboat reads version 1");
    }
}
