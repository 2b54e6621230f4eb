package io.lifeboat.agent.protect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UTFDataFormatException;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;
import org.junit.jupiter.api.Test;

/**
 * {@link RecordOutput} writes the very bytes the records had from {@code DataOutputStream} over a
 * {@code CheckedOutputStream} (so records written before it are read as they were), and {@link
 * RecordInput} reads them back, across its buffer's edges.
 */
class RecordStreamsTest {
    /**
     * ASCII, NUL, two- and three-byte characters, a surrogate pair, lone surrogates (which UTF-8
     * cannot encode), a question mark, the empty string, a long path.
     */
    static final List<String> STRINGS = List.of("usr/share/doc/a.txt", "", "nul\0inside", "caf\u00e9/\u00fc",
            "lone \ud800 high", "lone \udc00", "why?", "\ud83d",
            "\u4e2d\u6587/\u6587\u4ef6", "emoji \ud83d\ude00", "x".repeat(40_000), "\u07ff\u0800\u0080\u007f");

    private interface Writes {
        void to(RecordOutput out, DataOutputStream old) throws IOException;
    }

    /** The same values through both writers: equal bytes, checksum included. */
    private static byte[] sameBytes(Writes w) throws IOException {
        ByteArrayOutputStream fresh = new ByteArrayOutputStream();
        RecordOutput out = new RecordOutput(fresh);
        ByteArrayOutputStream before = new ByteArrayOutputStream();
        CheckedOutputStream checked = new CheckedOutputStream(before, new CRC32C());
        DataOutputStream old = new DataOutputStream(checked);
        w.to(out, old);
        out.finish();
        old.flush();
        new DataOutputStream(before).writeInt((int) checked.getChecksum().getValue());
        assertThat(fresh.toByteArray()).isEqualTo(before.toByteArray());
        return fresh.toByteArray();
    }

    @Test
    void writesTheBytesOfTheStreamsItReplaces() throws IOException {
        long[] longs = new Random(1).longs(20_000).toArray();
        int[] ints = new Random(2).ints(30_000).toArray();
        byte[] digests = new byte[200_000];
        new Random(3).nextBytes(digests);
        byte[] b = sameBytes((out, old) -> {
            out.writeByte(0xfe);
            old.writeByte(0xfe);
            out.writeBoolean(true);
            old.writeBoolean(true);
            for (String s : STRINGS) {
                out.writeUTF(s);
                old.writeUTF(s);
            }
            out.writeInts(ints);
            for (int i : ints) {
                old.writeInt(i);
            }
            out.writeLongs(longs);
            for (long l : longs) {
                old.writeLong(l);
            }
            out.write(digests);
            old.write(digests);
            out.writeLong(-7);
            old.writeLong(-7);
        });

        // and back, through a stream that gives a few bytes a read, so every value meets the buffer's edge
        RecordInput in = new RecordInput(new Trickle(b, 977));
        assertThat(in.readUnsignedByte()).isEqualTo(0xfe);
        assertThat(in.readBoolean()).isTrue();
        for (String s : STRINGS) {
            assertThat(in.readUTF()).isEqualTo(s);
        }
        for (int i : ints) {
            assertThat(in.readInt()).isEqualTo(i);
        }
        long[] back = new long[longs.length];
        in.readLongs(back);
        assertThat(back).isEqualTo(longs);
        byte[] digestsBack = new byte[digests.length];
        in.readFully(digestsBack);
        assertThat(digestsBack).isEqualTo(digests);
        assertThat(in.readLong()).isEqualTo(-7);
        int expected = in.checksum();
        assertThat(in.readInt()).isEqualTo(expected);
        assertThat(in.atEnd()).isTrue();
    }

    /**
     * Arrays written and read in bulk, a buffer's worth at a time: the bytes of a value at a time,
     * whatever the offset at which they meet the writer's 64 KiB buffer and the reader's refills.
     */
    @Test
    void arraysInBulkAreTheBytesOfOneValueAtATimeAtEveryOffset() throws IOException {
        int[] ints = new Random(4).ints(40_000).toArray(); // 160,000 bytes: past two of the writer's buffers
        long[] longs = new Random(5).longs(25_000).toArray();
        for (int offset = 0; offset < 8; offset++) {
            int before = offset;
            byte[] b = sameBytes((out, old) -> {
                for (int k = 0; k < before; k++) {
                    out.writeByte(k);
                    old.writeByte(k);
                }
                out.writeInts(ints);
                for (int i : ints) {
                    old.writeInt(i);
                }
                out.writeLongs(longs);
                for (long l : longs) {
                    old.writeLong(l);
                }
                out.writeInts(new int[0]);
                out.writeLongs(new long[0]);
                out.writeInt(before);
                old.writeInt(before);
            });
            for (int chunk : new int[] {1, 7, 4096, 1 << 20}) {
                RecordInput in = new RecordInput(new Trickle(b, chunk));
                for (int k = 0; k < before; k++) {
                    assertThat(in.readUnsignedByte()).isEqualTo(k);
                }
                int[] intsBack = new int[ints.length];
                in.readInts(intsBack);
                long[] longsBack = new long[longs.length];
                in.readLongs(longsBack);
                in.readInts(new int[0]);
                assertThat(intsBack).as("offset %d, %d bytes a read", before, chunk).isEqualTo(ints);
                assertThat(longsBack).as("offset %d, %d bytes a read", before, chunk).isEqualTo(longs);
                assertThat(in.readInt()).isEqualTo(before);
                assertThat(in.checksum()).isEqualTo(in.readInt());
                assertThat(in.atEnd()).isTrue();
            }
        }
    }

    @Test
    void theChecksumCoversEveryByteReadWhereverTheBufferWasRefilled() throws IOException {
        byte[] b = sameBytes((out, old) -> {
            for (int i = 0; i < 50_000; i++) {
                out.writeLong(i);
                old.writeLong(i);
            }
        });
        for (int chunk : new int[] {1, 3, 4096, 1 << 20}) {
            RecordInput in = new RecordInput(new Trickle(b, chunk));
            for (int i = 0; i < 50_000; i++) {
                assertThat(in.readLong()).isEqualTo(i);
            }
            assertThat(in.checksum()).as("read %d bytes at a time", chunk).isEqualTo(in.readInt());
        }
    }

    @Test
    void aReadPastTheEndIsAnEofAndAnOverlongStringIsRefused() throws IOException {
        RecordInput in = new RecordInput(new ByteArrayInputStream(new byte[] {0, 5, 'a', 'b'}));
        assertThatThrownBy(in::readUTF).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> new RecordOutput(new ByteArrayOutputStream()).writeUTF("\u0800".repeat(30_000)))
                .isInstanceOf(UTFDataFormatException.class).hasMessageContaining("90000 bytes");
    }

    @Test
    void aStringThatIsNotModifiedUtf8IsRefusedAsTheOldReaderRefusedIt() {
        RecordInput in = new RecordInput(new ByteArrayInputStream(new byte[] {0, 2, (byte) 0xc0, 'a'}));
        assertThatThrownBy(in::readUTF).isInstanceOf(UTFDataFormatException.class);
    }

    /** Gives at most {@code chunk} bytes a read. */
    private static final class Trickle extends InputStream {
        private final byte[] b;
        private final int chunk;
        private int at;

        Trickle(byte[] b, int chunk) {
            this.b = b;
            this.chunk = chunk;
        }

        @Override
        public int read() {
            return at < b.length ? b[at++] & 0xff : -1;
        }

        @Override
        public int read(byte[] into, int off, int len) {
            if (at >= b.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, chunk), b.length - at);
            System.arraycopy(b, at, into, off, n);
            at += n;
            return n;
        }
    }
}
