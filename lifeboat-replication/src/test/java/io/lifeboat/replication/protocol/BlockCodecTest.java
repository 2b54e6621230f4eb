package io.lifeboat.replication.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import io.lifeboat.repository.BlockId;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BlockCodecTest {
    @Test
    void compressesOnlyWhenItPays() {
        byte[] random = new byte[32768];
        new Random(9).nextBytes(random);
        EncodedBlock r = BlockCodec.seal(BlockId.of(random), random, random.length, 1);
        assertThat(r.encoding()).isEqualTo(WireEncoding.RAW);
        assertThat(r.body()).isEqualTo(random);

        byte[] text = new byte[32768];
        for (int i = 0; i < text.length; i++) {
            text[i] = (byte) ('a' + i % 7);
        }
        EncodedBlock t = BlockCodec.seal(BlockId.of(text), text, text.length, 1);
        assertThat(t.encoding()).isEqualTo(WireEncoding.ZSTD);
        assertThat(t.body().length).isLessThan(1000);
        assertThat(BlockCodec.open(t)).isEqualTo(text);
    }

    @Test
    void sealsAPrefixOfALargerBuffer() {
        byte[] buf = new byte[100];
        new Random(1).nextBytes(buf);
        EncodedBlock b = BlockCodec.seal(BlockId.of(buf, 0, 40), buf, 40, 1);
        assertThat(b.rawLength()).isEqualTo(40);
        assertThat(BlockCodec.open(b)).hasSize(40);
    }

    @Test
    void aBlockWhoseBytesDoNotMatchItsIdIsRefused() {
        byte[] data = "hello".getBytes();
        BlockId other = BlockId.of("world".getBytes());
        EncodedBlock forged = new EncodedBlock(other, WireEncoding.RAW, data.length, data);
        assertThatThrownBy(() -> BlockCodec.open(forged))
                .isInstanceOf(BlockIntegrityException.class)
                .hasMessageContaining("hash mismatch")
                .hasMessageContaining(other.hex());
    }

    @Test
    void aZstdBodyMustInflateToTheDeclaredLength() {
        byte[] data = new byte[10_000];
        byte[] packed = Zstd.compress(data, 1);
        EncodedBlock lies = new EncodedBlock(BlockId.of(data), WireEncoding.ZSTD, 100, packed);
        assertThatThrownBy(() -> BlockCodec.open(lies)).isInstanceOf(WireFormatException.class)
                .hasMessageContaining("10000");
        EncodedBlock junk = new EncodedBlock(BlockId.of(data), WireEncoding.ZSTD, 10_000, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> BlockCodec.open(junk)).isInstanceOf(WireFormatException.class);
    }
}
