package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import io.lifeboat.repository.backend.MemoryBackend;
import io.lifeboat.tls.LifeboatException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Index files read several at once are handed over in listed order, each failure with its own file. */
class IndexReadAheadTest {
    static String pack(int i) {
        return String.format("%064x", i);
    }

    @Test
    void handsOverEveryFileInListedOrderWithItsOwnFailure() throws Exception {
        MemoryBackend backend = new MemoryBackend();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String p = pack(i);
            names.add(p);
            if (i == 7) {
                backend.create(new Handle(FileType.INDEX, p), "{\"version\":1,".getBytes(StandardCharsets.UTF_8));
            } else if (i != 23) { // 23 is listed but gone
                PackIndexCodecTest.Listed l = PackIndexCodecTest.blocks(i, i);
                List<Pack.Location> locs = l.locs().stream()
                        .map(x -> new Pack.Location(p, x.offset(), x.stored(), x.raw(), x.encoding())).toList();
                backend.create(new Handle(FileType.INDEX, p), PackIndexCodec.encode(p, locs, l.ids()));
            }
        }
        List<String> seen = new ArrayList<>();
        try (IndexReadAhead ahead = new IndexReadAhead(backend, names)) {
            while (ahead.hasNext()) {
                IndexReadAhead.Read r = ahead.next();
                seen.add(r.name());
                int i = seen.size() - 1;
                if (i == 7) {
                    assertThat(r.failure()).isInstanceOf(LifeboatException.class).hasMessageContaining(pack(7));
                } else if (i == 23) {
                    assertThat(r.failure()).isInstanceOf(NoSuchFileException.class);
                } else {
                    assertThat(r.failure()).isNull();
                    assertThat(r.index().pack()).isEqualTo(pack(i));
                    assertThat(r.index().count()).isEqualTo(i);
                }
            }
        }
        assertThat(seen).isEqualTo(names);
    }

    @Test
    void anEmptyListHandsOverNothing() throws Exception {
        try (IndexReadAhead ahead = new IndexReadAhead(new MemoryBackend(), List.of())) {
            assertThat(ahead.hasNext()).isFalse();
        }
    }
}
