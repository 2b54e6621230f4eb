package io.lifeboat.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real tree of 50,000+ files ({@link LargeTree}: a copy of {@code /usr/share} plus odd names, a
 * deep path, large, sparse and hard-linked files, the special modes) through a real vault and
 * agent on loopback and back: the restore is identical ({@code diff -r} clean, every mode bit and
 * mtime equal, {@code failover --test} passes) and a pass after 1% of the files changed sends only
 * their blocks.
 */
@Tag("e2e")
class LargeTreeEndToEndTest {
    @TempDir
    Path tmp;

    /**
     * Removes the trees with {@code rm -rf}: quicker than JUnit's walk, and JUnit would warn once
     * for each of the thousands of symlinks that point outside the folder.
     */
    @AfterEach
    void removeTrees() throws IOException, InterruptedException {
        new ProcessBuilder("rm", "-rf", tmp.resolve("tree").toString(), tmp.resolve("restored-1").toString())
                .inheritIO().start().waitFor();
    }

    @Test
    void aRealTreeProtectsRestoresExactlyAndSendsOnlyWhatChanged() throws Exception {
        Path src = tmp.resolve("tree");
        LargeTree.build(src);
        long links = LargeTree.hardLinkCopies(src);
        assertThat(links).as("the tree's extra hard links").isGreaterThanOrEqualTo(15);
        try (ReplicationLab lab = ReplicationLab.start(tmp)) {
            Path agent = lab.enroll("big");
            JsonNode first = lab.protect(agent, src);
            assertThat(first.path("hardLinkCopies").asLong()).as("hard links reported as such").isEqualTo(links);
            assertThat(first.path("point").path("consistency").asText()).isEqualTo("live");
            assertRestoresExactly(lab, first, src, tmp.resolve("restored-1"));

            List<Path> changed = changeOnePercent(src);
            JsonNode second = lab.protect(agent, src);
            assertThat(second.path("blocksSent").asLong()).as("only the changed files' blocks are sent")
                    .isEqualTo(changed.size());
            // restoring this point as well would add a minute; ProtectorTest restores incremental points
        }
    }

    /**
     * A test failover (which checks every block, link, mode and mtime itself), then {@code diff -r}
     * and a walk comparing every mode bit and mtime.
     */
    private static void assertRestoresExactly(ReplicationLab lab, JsonNode committed, Path src, Path target)
            throws IOException, InterruptedException {
        lab.ok("failover", "--dir", lab.vault.toString(), "--machine", "big", "--point",
                committed.path("point").path("id").asText(), "--to", target.toString(), "--test");
        Process diff = new ProcessBuilder("diff", "-r", "--no-dereference", src.toString(), target.toString())
                .redirectErrorStream(true).start();
        String out = new String(diff.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(diff.waitFor()).as("diff -r:\n%s", out.length() > 4000 ? out.substring(0, 4000) : out).isZero();
        assertThat(LargeTree.metadata(target)).isEqualTo(LargeTree.metadata(src));
    }

    /**
     * Every 100th regular file of 16 bytes or more (in name order) gets its index written over its
     * first bytes: one changed block per file, of content no other block has.
     */
    private static List<Path> changeOnePercent(Path src) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(src)) {
            files = walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && size(p) >= 16
                    && !linked(p)).sorted().toList();
        }
        List<Path> changed = new java.util.ArrayList<>();
        for (int i = 0; i < files.size(); i += 100) {
            Path p = files.get(i);
            try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
                f.write(String.format("changed %08d", i).getBytes(StandardCharsets.US_ASCII));
            }
            changed.add(p);
        }
        assertThat(changed.size()).isGreaterThanOrEqualTo(LargeTree.MIN_FILES / 100 - 50);
        return changed;
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    /** A file with more than one link: changing it changes all its links, so it is left out of the 1%. */
    private static boolean linked(Path p) {
        try {
            return (Integer) Files.getAttribute(p, "unix:nlink", LinkOption.NOFOLLOW_LINKS) > 1;
        } catch (IOException e) {
            return true;
        }
    }
}
