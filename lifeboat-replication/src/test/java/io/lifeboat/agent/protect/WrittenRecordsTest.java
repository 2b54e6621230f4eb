package io.lifeboat.agent.protect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Records kept parsed between passes: only while their files are as written, and only up to a budget. */
class WrittenRecordsTest {
    private static final int BS = 32768;

    @TempDir
    Path tmp;

    /** Two record files of {@code bytes} bytes each for {@code name}, and the records kept for them. */
    private RecordAppend.Read written(WrittenRecords kept, String name, int bytes) throws Exception {
        Path blocks = Files.write(tmp.resolve(name + ".known"), new byte[bytes]);
        Path entries = Files.write(tmp.resolve(name + ".last"), new byte[bytes]);
        KnownBlocks known = new KnownBlocks(BS, "p", Map.of());
        LastPoint last = new LastPoint(name, "p", BS, 0, List.of());
        RecordAppend.Read read = new RecordAppend.Read(
                new RecordSegments.Loaded<>(known, new RecordSegments.Extent(bytes, bytes, 0, 0), null),
                new RecordSegments.Loaded<>(last, new RecordSegments.Extent(bytes, bytes, 0, 0), null));
        kept.written(name, read, blocks, entries);
        return read;
    }

    private RecordAppend.Read unchanged(WrittenRecords kept, String name) {
        return kept.unchanged(name, tmp.resolve(name + ".known"), tmp.resolve(name + ".last"), name, BS);
    }

    @Test
    void recordsPastTheBudgetAreNotKept() throws Exception {
        WrittenRecords kept = new WrittenRecords(3000);
        RecordAppend.Read first = written(kept, "a", 1000); // 2000 bytes: within the budget
        written(kept, "b", 1000); // 2000 more: past it, read from disk at its next pass

        assertThat(unchanged(kept, "a")).isSameAs(first);
        assertThat(unchanged(kept, "b")).isNull();
        // a source written again is counted once: its own earlier records do not hold its place
        RecordAppend.Read again = written(kept, "a", 1400);
        assertThat(unchanged(kept, "a")).isSameAs(again);
    }

    @Test
    void aFileChangedSinceIsNotTaken() throws Exception {
        WrittenRecords kept = new WrittenRecords(1 << 20);
        written(kept, "a", 100);
        Files.write(tmp.resolve("a.last"), new byte[101]);

        assertThat(unchanged(kept, "a")).isNull();
        assertThat(unchanged(kept, "b")).isNull();
    }
}
