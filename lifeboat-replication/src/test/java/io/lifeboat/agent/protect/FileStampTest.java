package io.lifeboat.agent.protect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Two stamps are equal exactly when all eight fields are: a field that differs means the file is read. */
class FileStampTest {
    private static final FileStamp STAMP = new FileStamp(70_000, 1_700_000_000_123_456_789L, 1_700_000_001_000_000_001L,
            123_456_789L, 65_024, 0644, 1000, 1001);

    @Test
    void equalFieldsAreAnEqualStampWithTheSameHash() {
        FileStamp same = new FileStamp(70_000, 1_700_000_000_123_456_789L, 1_700_000_001_000_000_001L, 123_456_789L, 65_024,
                0644, 1000, 1001);
        assertThat(same).isEqualTo(STAMP).hasSameHashCodeAs(STAMP);
        assertThat(STAMP).isNotEqualTo(null).isNotEqualTo("a stamp");
    }

    @Test
    void anyOneFieldThatDiffersMakesAnotherStamp() {
        FileStamp s = STAMP;
        List<FileStamp> changed = eachFieldChanged(s);
        for (int i = 0; i < changed.size(); i++) {
            assertThat(changed.get(i)).as("field %d changed", i).isNotEqualTo(s);
            assertThat(s).as("field %d changed", i).isNotEqualTo(changed.get(i));
        }
        // the same value in another field is still another stamp (uid and gid swapped)
        assertThat(new FileStamp(s.size(), s.mtimeNanos(), s.ctimeNanos(), s.inode(), s.device(), s.mode(), s.gid(), s.uid()))
                .isNotEqualTo(s);
    }

    /** {@code s} with each of its eight fields changed in turn, one stamp per field (also used by {@link ImageStampTest}). */
    static List<FileStamp> eachFieldChanged(FileStamp s) {
        return List.of(
                new FileStamp(s.size() + 1, s.mtimeNanos(), s.ctimeNanos(), s.inode(), s.device(), s.mode(), s.uid(), s.gid()),
                new FileStamp(s.size(), s.mtimeNanos() + 1, s.ctimeNanos(), s.inode(), s.device(), s.mode(), s.uid(), s.gid()),
                new FileStamp(s.size(), s.mtimeNanos(), s.ctimeNanos() + 1, s.inode(), s.device(), s.mode(), s.uid(), s.gid()),
                new FileStamp(s.size(), s.mtimeNanos(), s.ctimeNanos(), s.inode() + 1, s.device(), s.mode(), s.uid(), s.gid()),
                new FileStamp(s.size(), s.mtimeNanos(), s.ctimeNanos(), s.inode(), s.device() + 1, s.mode(), s.uid(), s.gid()),
                new FileStamp(s.size(), s.mtimeNanos(), s.ctimeNanos(), s.inode(), s.device(), s.mode() ^ 0200, s.uid(), s.gid()),
                new FileStamp(s.size(), s.mtimeNanos(), s.ctimeNanos(), s.inode(), s.device(), s.mode(), s.uid() + 1, s.gid()),
                new FileStamp(s.size(), s.mtimeNanos(), s.ctimeNanos(), s.inode(), s.device(), s.mode(), s.uid(), s.gid() + 1));
    }
}
