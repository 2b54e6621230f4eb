package io.lifeboat.agent.protect;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.repository.Entry;
import io.lifeboat.repository.EntryType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A record's items as columns: what is put in comes out whole, copied and compared field by field. */
class LastPointItemsTest {
    private static final FileStamp STAMP = new FileStamp(70000, 2, 3, 4, 5, 0644, 1000, 1001);
    private static final List<LastPoint.Item> ITEMS = List.of(
            new LastPoint.Item(new Entry("", EntryType.DIRECTORY, 0755, 1, 0, null, List.of()), 0, null),
            new LastPoint.Item(new Entry("a.bin", EntryType.FILE, 0644, 2, 70000, null, List.of()), 3, STAMP),
            new LastPoint.Item(new Entry("l", EntryType.SYMLINK, 0777, 4, 0, "a.bin", List.of()), 0, null),
            new LastPoint.Item(new Entry("z", EntryType.FILE, 0600, 9, 1, null, List.of()), 1,
                    new FileStamp(1, 9, 10, 11, 12, 0600, 0, 0)));

    @Test
    void itemsComeOutAsTheyWentIn() {
        LastPoint record = new LastPoint("/srv", "p", 32768, 7, ITEMS);
        assertThat(record.items()).isEqualTo(ITEMS);
        assertThat(record.size()).isEqualTo(4);
    }

    @Test
    void aCopyOfARunMovesEveryFieldStampIncluded() {
        LastPointItems from = LastPointItems.of(ITEMS);
        LastPointItems into = new LastPointItems(5);
        from.copy(1, into, 2, 3);
        LastPoint copied = new LastPoint("/srv", "p", 32768, 7, into);
        assertThat(copied.items().subList(2, 5)).isEqualTo(ITEMS.subList(1, 4));
        assertThat(into.path(0)).isNull();
        assertThat(into.stamped(0)).isFalse();
    }

    @Test
    void twoItemsAreTheSameExactlyWhenEveryFieldIs() {
        LastPointItems a = LastPointItems.of(ITEMS);
        assertThat(a.same(1, LastPointItems.of(ITEMS), 1)).isTrue();
        assertThat(a.same(2, a, 2)).isTrue();
        Entry e = ITEMS.get(1).entry();
        List<LastPoint.Item> changed = new ArrayList<>();
        changed.add(new LastPoint.Item(new Entry("a.bim", e.type(), e.mode(), e.mtimeNanos(), e.size(), null, List.of()), 3, STAMP));
        changed.add(new LastPoint.Item(new Entry("a.bin", EntryType.SYMLINK, e.mode(), e.mtimeNanos(), e.size(), null, List.of()), 3, STAMP));
        changed.add(new LastPoint.Item(new Entry("a.bin", e.type(), 0600, e.mtimeNanos(), e.size(), null, List.of()), 3, STAMP));
        changed.add(new LastPoint.Item(new Entry("a.bin", e.type(), e.mode(), 3, e.size(), null, List.of()), 3, STAMP));
        changed.add(new LastPoint.Item(new Entry("a.bin", e.type(), e.mode(), e.mtimeNanos(), 70001, null, List.of()), 3, STAMP));
        changed.add(new LastPoint.Item(new Entry("a.bin", e.type(), e.mode(), e.mtimeNanos(), e.size(), "x", List.of()), 3, STAMP));
        changed.add(new LastPoint.Item(e, 2, STAMP));
        changed.add(new LastPoint.Item(e, 3, null));
        for (FileStamp other : FileStampTest.eachFieldChanged(STAMP)) {
            changed.add(new LastPoint.Item(e, 3, other));
        }
        LastPointItems b = LastPointItems.of(changed);
        for (int k = 0; k < changed.size(); k++) {
            assertThat(a.same(1, b, k)).as("%s", changed.get(k)).isFalse();
            assertThat(b.same(k, a, 1)).as("%s", changed.get(k)).isFalse();
        }
    }

    @Test
    void aStampIsEqualOnlyWhenPresentAndEqualInEveryField() {
        LastPointItems a = LastPointItems.of(ITEMS);
        assertThat(a.stampEquals(1, STAMP)).isTrue();
        assertThat(a.stamp(1)).isEqualTo(STAMP);
        assertThat(a.stampEquals(0, new FileStamp(0, 0, 0, 0, 0, 0, 0, 0))).isFalse();
        for (FileStamp other : FileStampTest.eachFieldChanged(STAMP)) {
            assertThat(a.stampEquals(1, other)).as("%s", other).isFalse();
        }
    }
}
