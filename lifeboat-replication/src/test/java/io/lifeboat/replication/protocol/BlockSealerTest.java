package io.lifeboat.replication.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.Zstd;
import io.lifeboat.repository.BlockEncoding;
import io.lifeboat.repository.BlockId;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BlockSealerTest {
    @Test
    void compressesOnlyWhenItPays() {
        byte[] random = new byte[32768];
        new Random(9).nextBytes(random);
        EncodedBlock r = BlockSealer.seal(BlockId.of(random), random, random.length, 1);
        assertThat(r.encoding()).isEqualTo(BlockEncoding.RAW);
        assertThat(r.data()).isEqualTo(random);

        byte[] text = new byte[32768];
        for (int i = 0; i < text.length; i++) {
            text[i] = (byte) ('a' + i % 7);
        }
        EncodedBlock t = BlockSealer.seal(BlockId.of(text), text, text.length, 1);
        assertThat(t.encoding()).isEqualTo(BlockEncoding.ZSTD);
        assertThat(t.data().length).isLessThan(1000);
        assertThat(Zstd.decompress(t.data(), t.rawLength())).isEqualTo(text);
    }

    @Test
    void sealsAPrefixOfALargerBuffer() {
        byte[] buf = new byte[100];
        new Random(1).nextBytes(buf);
        EncodedBlock b = BlockSealer.seal(BlockId.of(buf, 0, 40), buf, 40, 1);
        assertThat(b.rawLength()).isEqualTo(40);
        assertThat(b.data()).hasSize(40);
        assertThat(BlockId.of(b.data())).isEqualTo(b.id());
    }
}
