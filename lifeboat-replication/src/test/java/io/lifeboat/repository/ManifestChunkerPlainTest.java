package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A chunker that shows each chunk's plain form before storing it (the vault's check of a manifest it
 * builds, {@link PointCommitter#commitBuilt}): the plain form is exactly what the stored chunk
 * inflates to, it is shown before the chunk is stored, and a refusal stores nothing of that chunk.
 */
class ManifestChunkerPlainTest {
    @Test
    void eachPlainFormIsShownFirstAndIsWhatTheStoredChunkInflatesTo() {
        List<byte[]> plains = new ArrayList<>();
        List<byte[]> stored = new ArrayList<>();
        List<String> order = new ArrayList<>();
        ManifestChunker chunker = new ManifestChunker(s -> {
            order.add("stored");
            stored.add(s);
        }, p -> {
            order.add("plain");
            plains.add(p);
        });
        Manifest m = ManifestChunkCodecTest.tree();
        ManifestSummary summary = ManifestChunker.write(m, chunker);

        assertThat(summary.chunks()).isEqualTo(1);
        assertThat(order).containsExactly("plain", "stored");
        assertThat(Zstd.decompress(stored.get(0), plains.get(0).length)).isEqualTo(plains.get(0));
        ManifestAssembler whole = new ManifestAssembler();
        ManifestChunkReader.readPlain("plain", plains.get(0), whole);
        assertThat(whole.manifest(ManifestHeader.of(m))).isEqualTo(m);
    }

    @Test
    void aPlainFormRefusedIsNeverStored() {
        List<byte[]> stored = new ArrayList<>();
        ManifestChunker chunker = new ManifestChunker(stored::add, p -> {
            throw new IllegalStateException("refused");
        });
        assertThatThrownBy(() -> ManifestChunker.write(ManifestChunkCodecTest.tree(), chunker))
                .hasMessage("refused");
        assertThat(stored).isEmpty();
    }

    @Test
    void aPlainFormThatIsNotAChunkIsNamedByTheReader() {
        byte[] notAChunk = {'L', 'B', 'M', 'C', 1, 9};
        assertThatThrownBy(() -> ManifestChunkReader.readPlain("built chunk", notAChunk, new ManifestAssembler()))
                .isInstanceOf(IntegrityException.class).hasMessageContaining("built chunk");
    }
}
