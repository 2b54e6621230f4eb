package io.lifeboat.agent.protect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One stat of a tree's child tells what two did: the basic attributes, and a file's mode, links and stamp. */
class UnixStatTest {
    @TempDir
    Path tmp;

    @Test
    void aFileIsWhatTheTwoReadsSaid() throws Exception {
        Path file = Files.write(tmp.resolve("f"), new byte[1234]);
        Files.createLink(tmp.resolve("g"), file);

        UnixStat stat = UnixStat.of(file);

        assertSameBasics(stat.attributes(), file);
        SourceMetadata.Unix twoReads = SourceMetadata.unix(file, 0644);
        assertThat(stat.unix()).isEqualTo(twoReads);
        assertThat(stat.unix().links()).isEqualTo(2);
        assertThat(stat.unix().stamp().size()).isEqualTo(1234);
    }

    @Test
    void aFolderAndASymlinkHaveNoStampAndAreNotFollowed() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("d"));
        Path link = Files.createSymbolicLink(tmp.resolve("l"), dir);

        assertSameBasics(UnixStat.of(dir).attributes(), dir);
        assertThat(UnixStat.of(dir).unix()).isNull();
        UnixStat ofLink = UnixStat.of(link);
        assertSameBasics(ofLink.attributes(), link);
        assertThat(ofLink.attributes().isSymbolicLink()).isTrue();
        assertThat(ofLink.unix()).isNull();
    }

    @Test
    void aPathThatIsGoneIsTheReadsFailure() {
        assertThatThrownBy(() -> UnixStat.of(tmp.resolve("gone"))).isInstanceOf(NoSuchFileException.class);
    }

    private static void assertSameBasics(BasicFileAttributes a, Path p) throws Exception {
        BasicFileAttributes b = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        assertThat(a.isRegularFile()).isEqualTo(b.isRegularFile());
        assertThat(a.isDirectory()).isEqualTo(b.isDirectory());
        assertThat(a.isSymbolicLink()).isEqualTo(b.isSymbolicLink());
        assertThat(a.isOther()).isEqualTo(b.isOther());
        assertThat(a.size()).isEqualTo(b.size());
        assertThat(a.lastModifiedTime()).isEqualTo(b.lastModifiedTime());
        assertThat(a.lastAccessTime()).isEqualTo(b.lastAccessTime());
        assertThat(a.creationTime()).isEqualTo(b.creationTime());
        assertThat(a.fileKey()).isEqualTo(b.fileKey());
    }
}
