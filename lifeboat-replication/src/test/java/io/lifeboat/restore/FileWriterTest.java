package io.lifeboat.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.repository.BlockId;
import io.lifeboat.repository.BlockRef;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FileWriterTest {
    static List<BlockRef> refs(int count, int length) {
        List<BlockRef> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(i % 5 == 0 ? BlockRef.zero(length) : new BlockRef(BlockId.of(new byte[] {(byte) i, (byte) (i >> 8)}), length));
        }
        return out;
    }

    static List<Integer> sizes(List<List<BlockRef>> groups) {
        return groups.stream().map(List::size).toList();
    }

    @Test
    void groupsAreRunsOfAtMost256BlocksInOrder() {
        List<BlockRef> refs = refs(600, 32 << 10);
        List<List<BlockRef>> groups = FileWriter.groups(refs);
        assertThat(sizes(groups)).containsExactly(256, 256, 88);
        assertThat(groups.stream().flatMap(List::stream).toList()).isEqualTo(refs);
    }

    @Test
    void largeBlocksMakeSmallerGroupsAndNoneIsEmpty() {
        assertThat(sizes(FileWriter.groups(refs(20, 1 << 20)))).containsExactly(8, 8, 4);
        assertThat(sizes(FileWriter.groups(refs(3, 16 << 20)))).containsExactly(1, 1, 1); // one block over the limit still goes
        assertThat(FileWriter.groups(List.of())).isEmpty();
    }
}
