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
        assertThatThrownBy(() -> UnixStat.ofMap(tmp.resolve("gone"))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void theJdksOwnStatObjectIsReadHereAsTheLauncherLetsTheAgentReadIt() {
        assertThat(JdkStat.AVAILABLE).as("surefire opens sun.nio.fs as the launcher does: the direct read is the one tested")
                .isTrue();
    }

    @Test
    void theDirectReadAndTheUnixViewsMapGiveTheSameStat() throws Exception {
        Path file = Files.write(tmp.resolve("f"), new byte[4321]);
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-x--x"));
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(1_600_000_000_123_456_789L,
                java.util.concurrent.TimeUnit.NANOSECONDS));
        Files.createLink(tmp.resolve("f2"), file);
        Path dir = Files.createDirectories(tmp.resolve("d"));
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x---"));
        Path link = Files.createSymbolicLink(tmp.resolve("l"), file);
        Path empty = Files.write(tmp.resolve("empty"), new byte[0]);

        for (Path p : new Path[] {file, dir, link, empty}) {
            UnixStat direct = JdkStat.of(p);
            UnixStat map = UnixStat.ofMap(p);
            assertThat(direct).as(p.toString()).isNotNull();
            assertThat(direct.unix()).as(p.toString()).isEqualTo(map.unix());
            // every child's mode, a folder's and a symlink's too, is the one SourceMetadata.mode reads on its own
            assertThat(direct.mode()).as(p.toString()).isEqualTo(map.mode()).isEqualTo(SourceMetadata.mode(p, -1));
            assertSameBasics(direct.attributes(), p);
        }
        assertThat(JdkStat.of(dir).mode()).isEqualTo(0710);
        assertThat(JdkStat.of(link).mode()).isEqualTo(0777);
        FileStamp stamp = JdkStat.of(file).unix().stamp();
        assertThat(stamp.mtimeNanos()).isEqualTo(1_600_000_000_123_456_789L);
        assertThat(stamp.mode()).isEqualTo(0751);
        assertThat(JdkStat.of(file).unix().links()).isEqualTo(2);
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
