package io.lifeboat.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.repository.Entry;
import io.lifeboat.repository.EntryType;
import io.lifeboat.repository.Fixtures;
import io.lifeboat.repository.Fixtures.Cut;
import io.lifeboat.repository.Manifest;
import io.lifeboat.repository.Repository;
import io.lifeboat.repository.RepositoryOptions;
import io.lifeboat.repository.SourceKind;
import io.lifeboat.repository.backend.LocalBackend;
import io.lifeboat.repository.backend.MemoryBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder tree with everything awkward in it goes through the vault and back exactly. */
class FailoverTreeTest {
    static final int BS = 16 << 10;

    @TempDir
    Path tmp;

    static void mtime(Path p, long nanos) throws IOException {
        Files.getFileAttributeView(p, java.nio.file.attribute.BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(FileTime.from(nanos, TimeUnit.NANOSECONDS), null, null);
    }

    /** Nested folders, empty files and folders, a symlink (and a dangling one), odd names, modes, mtimes, holes. */
    static Path makeTree(Path root) throws IOException {
        Files.createDirectories(root.resolve("a/b/c"));
        Files.createDirectories(root.resolve("empty dir"));
        Files.write(root.resolve("a/b/c/deep.bin"), Fixtures.random(1, 3 * BS + 17));
        Files.write(root.resolve("empty.txt"), new byte[0]);
        Files.writeString(root.resolve("my file with spaces.txt"), "spaces\n");
        // file names in the JVM's encoding: UTF-8 under any UTF-8 locale (a C locale cannot name them)
        String unicode = "UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding")) ? "ünïcødé-ファイル.txt" : "unicode.txt";
        Files.writeString(root.resolve(unicode), "unicode ✓\n");
        Files.writeString(root.resolve("-rf"), "leading dash\n");
        Files.writeString(root.resolve("a/.hidden"), "dot file\n");
        byte[] holes = new byte[5 * BS];
        System.arraycopy(Fixtures.random(2, BS), 0, holes, 2 * BS, BS);
        Files.write(root.resolve("a/sparse.img"), holes);
        Files.createSymbolicLink(root.resolve("link to deep"), root.getFileSystem().getPath("a/b/c/deep.bin"));
        Files.createSymbolicLink(root.resolve("a/dangling"), root.getFileSystem().getPath("../nowhere"));
        Files.setPosixFilePermissions(root.resolve("-rf"), PosixFilePermissions.fromString("rwxr-x--x"));
        Files.setPosixFilePermissions(root.resolve("empty.txt"), PosixFilePermissions.fromString("r--------"));
        Files.setPosixFilePermissions(root.resolve("a/b"), PosixFilePermissions.fromString("rwx------"));
        long t = 1_600_000_000_000_000_000L;
        try (Stream<Path> s = Files.walk(root)) {
            List<Path> all = new ArrayList<>(s.toList());
            java.util.Collections.reverse(all); // children before parents
            for (Path p : all) {
                mtime(p, t += 1_000_123_457); // not a whole millisecond or microsecond
            }
        }
        return root;
    }

    /** Each path with its type, mode, mtime and content (or link target), sorted. */
    static List<String> describe(Path root) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted().toList()) {
                String rel = root.relativize(p).toString();
                long mtime = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).to(TimeUnit.NANOSECONDS);
                if (Files.isSymbolicLink(p)) {
                    out.add(rel + " -> " + Files.readSymbolicLink(p) + " @" + mtime / 1000 + "us");
                } else if (Files.isDirectory(p)) {
                    out.add(rel + "/ " + Integer.toOctalString(Fixtures.mode(p)) + (rel.isEmpty() ? "" : " @" + mtime));
                } else {
                    out.add(rel + " " + Integer.toOctalString(Fixtures.mode(p)) + " @" + mtime + " "
                            + Arrays.hashCode(Files.readAllBytes(p)) + "/" + Files.size(p));
                }
            }
        }
        return out;
    }

    @Test
    void aTreeRoundTripsExactly() throws Exception {
        Path source = makeTree(tmp.resolve("source"));
        List<String> expected = describe(source);
        Cut cut = Fixtures.cutTree(source, BS);
        Path repoDir = tmp.resolve("vault/repo");
        try (Repository repo = Repository.open(new LocalBackend(repoDir), RepositoryOptions.defaults())) {
            Fixtures.protect(repo, "files-1", cut);
        }
        Path target = tmp.resolve("restored");
        RestoreResult r;
        try (Repository repo = Repository.open(new LocalBackend(repoDir), RepositoryOptions.readOnlyDefaults())) {
            r = new Failover(repo, null).run("files-1", "latest", target, new FailoverOptions(true, false));
        }
        assertThat(describe(target)).isEqualTo(expected);
        assertThat(r.checkedAfterWrite()).isTrue();
        assertThat(r.symlinks()).isEqualTo(2);
        assertThat(r.files()).isEqualTo(7);
        assertThat(r.zeroBlocks()).isEqualTo(4);
        // an empty target folder is fine; a non-empty one needs --force
        try (Repository repo = Repository.open(new LocalBackend(repoDir), RepositoryOptions.readOnlyDefaults())) {
            assertThatThrownBy(() -> new Failover(repo, null).run("files-1", "latest", target, FailoverOptions.DEFAULT))
                    .isInstanceOf(RestoreException.class).hasMessageContaining("--force");
            Files.writeString(target.resolve("my file with spaces.txt"), "changed since");
            new Failover(repo, null).run("files-1", "latest", target, new FailoverOptions(false, true));
        }
        assertThat(describe(target)).isEqualTo(expected);
    }

    /**
     * The mode bits beyond the nine permissions, and mode 0: a sticky world-writable folder (1777),
     * a setuid program (4755), a setgid folder and program (2755), a file and a folder with no
     * permission at all (000). All come back exactly; a test failover then fails, naming the path,
     * once a mode or a modification time differs.
     */
    @Test
    void specialModesAndModeZeroRestoreExactlyAndTheCheckCatchesAnyDifference() throws Exception {
        Path source = tmp.resolve("modes");
        Files.createDirectories(source.resolve("tmp"));
        Files.createDirectories(source.resolve("shared"));
        Files.createDirectories(source.resolve("locked"));
        Files.writeString(source.resolve("suid"), "#!/bin/sh\n");
        Files.writeString(source.resolve("shared/sgid"), "#!/bin/sh\n");
        Files.writeString(source.resolve("nothing"), "no permission at all\n");
        Files.writeString(source.resolve("locked/inside"), "in a folder of mode 000\n");
        int[] modes = {01777, 04755, 02755, 02755, 0, 0};
        String[] paths = {"tmp", "suid", "shared", "shared/sgid", "nothing", "locked"};
        long t = 1_700_000_000_987_654_321L;
        for (String p : List.of("locked/inside", "shared/sgid", "tmp", "suid", "shared", "nothing", "locked")) {
            mtime(source.resolve(p), t += 7);
        }
        for (int i = 0; i < paths.length; i++) {
            Files.setAttribute(source.resolve(paths[i]), "unix:mode", modes[i]);
            mtime(source.resolve(paths[i]), t += 11);
        }
        List<String> expected = describe(source);
        assertThat(expected).contains("suid 4755 @" + (t - 4 * 11 - 0) + " " + Arrays.hashCode("#!/bin/sh\n".getBytes()) + "/10",
                "tmp/ 1777 @" + (t - 5 * 11), "locked/ 0 @" + t);

        Cut cut = Fixtures.cutTree(source, BS);
        Path target = tmp.resolve("restored");
        try (Repository repo = Repository.open(new MemoryBackend(), RepositoryOptions.defaults())) {
            Fixtures.protect(repo, "modes", cut);
            new Failover(repo, null).run("modes", "latest", target, new FailoverOptions(true, false));
        }
        assertThat(describe(target)).isEqualTo(expected);

        RestoreCheck check = new RestoreCheck(RestoreListener.NONE);
        Files.setAttribute(target.resolve("suid"), "unix:mode", 0755);
        assertThatThrownBy(() -> check.check(cut.manifest(), target))
                .isInstanceOf(io.lifeboat.repository.IntegrityException.class)
                .hasMessageContaining(target.resolve("suid") + " has mode 0755, the point has 4755");
        Files.setAttribute(target.resolve("suid"), "unix:mode", 04755);
        long suidTime = Files.getLastModifiedTime(source.resolve("suid")).to(TimeUnit.NANOSECONDS);
        mtime(target.resolve("suid"), suidTime + 1);
        java.time.Instant point = java.time.Instant.ofEpochSecond(0, suidTime);
        assertThatThrownBy(() -> check.check(cut.manifest(), target))
                .hasMessageContaining(target.resolve("suid") + " was modified at " + point.plusNanos(1)
                        + ", the point has " + point);
    }

    @Test
    void aLinkInTheTargetCannotRedirectWrites() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Manifest m = new Manifest(Manifest.FORMAT_VERSION, "/src", SourceKind.DIRECTORY, BS, List.of(
                new Entry("", EntryType.DIRECTORY, 0755, 0, 0, null, List.of()),
                new Entry("d", EntryType.DIRECTORY, 0755, 0, 0, null, List.of()),
                new Entry("d/f", EntryType.FILE, 0644, 0, 0, null, List.of())));
        Path target = Files.createDirectories(tmp.resolve("t"));
        Files.createSymbolicLink(target.resolve("d"), outside);
        try (Repository repo = Repository.open(new MemoryBackend(), RepositoryOptions.defaults())) {
            repo.commitPoint("m", m, Fixtures.META);
            assertThatThrownBy(() -> new Failover(repo, null).run("m", "latest", target, FailoverOptions.DEFAULT))
                    .isInstanceOf(RestoreException.class).hasMessageContaining("not empty");
            // forced: the link is replaced by a real folder, and nothing is written through it
            new Failover(repo, null).run("m", "latest", target, new FailoverOptions(false, true));
        }
        assertThat(Files.isDirectory(target.resolve("d"), LinkOption.NOFOLLOW_LINKS)).isTrue();
        assertThat(target.resolve("d/f")).exists();
        try (Stream<Path> s = Files.list(outside)) {
            assertThat(s).isEmpty();
        }
    }
}
