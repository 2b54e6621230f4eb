package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import io.lifeboat.repository.backend.MemoryBackend;
import io.lifeboat.tls.LifeboatException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Files read several at once (index files, ownership records) are handed over in listed order, each
 * failure with its own file.
 */
class FileReadAheadTest {
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
        try (FileReadAhead<PackIndex> ahead = new FileReadAhead<>(backend, FileType.INDEX, names, PackIndexCodec::read)) {
            while (ahead.hasNext()) {
                FileReadAhead.Read<PackIndex> r = ahead.next();
                seen.add(r.name());
                int i = seen.size() - 1;
                if (i == 7) {
                    assertThat(r.failure()).isInstanceOf(LifeboatException.class).hasMessageContaining(pack(7));
                } else if (i == 23) {
                    assertThat(r.failure()).isInstanceOf(NoSuchFileException.class);
                } else {
                    assertThat(r.failure()).isNull();
                    assertThat(r.value().pack()).isEqualTo(pack(i));
                    assertThat(r.value().count()).isEqualTo(i);
                }
            }
        }
        assertThat(seen).isEqualTo(names);
    }

    @Test
    void ownershipRecordsAreHandedOverInListedOrderEachWithItsOwnFailure() throws Exception {
        MemoryBackend backend = new MemoryBackend();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String name = "web-1/" + pack(i).substring(48);
            names.add(name);
            Map<BlockId, Long> blocks = new LinkedHashMap<>();
            for (int b = 0; b <= i; b++) {
                blocks.put(BlockId.of(("block " + i + "/" + b).getBytes(StandardCharsets.UTF_8)), 1_000L * b);
            }
            byte[] record = OwnershipCodec.encode("web-1", blocks);
            if (i == 11) {
                record[record.length / 2] ^= 0x10;
            }
            backend.create(new Handle(FileType.MACHINES, name), record);
        }
        List<String> seen = new ArrayList<>();
        try (FileReadAhead<OwnershipCodec.OwnedBlocks> ahead = new FileReadAhead<>(backend, FileType.MACHINES, names,
                OwnershipCodec::read)) {
            while (ahead.hasNext()) {
                FileReadAhead.Read<OwnershipCodec.OwnedBlocks> r = ahead.next();
                seen.add(r.name());
                int i = seen.size() - 1;
                if (i == 11) {
                    assertThat(r.failure()).isInstanceOf(LifeboatException.class).hasMessageContaining(names.get(11));
                } else {
                    assertThat(r.failure()).isNull();
                    assertThat(r.value().count()).isEqualTo(i + 1);
                    assertThat(r.value().uploaded()[i]).isEqualTo(1_000L * i);
                }
            }
        }
        assertThat(seen).isEqualTo(names);
    }

    @Test
    void anEmptyListHandsOverNothing() throws Exception {
        try (FileReadAhead<PackIndex> ahead = new FileReadAhead<>(new MemoryBackend(), FileType.INDEX, List.of(),
                PackIndexCodec::read)) {
            assertThat(ahead.hasNext()).isFalse();
        }
    }
}
