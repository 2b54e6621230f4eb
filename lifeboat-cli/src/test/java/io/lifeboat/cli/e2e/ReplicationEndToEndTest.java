package io.lifeboat.cli.e2e;

import static io.lifeboat.cli.e2e.ReplicationLab.T;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lifeboat.cli.testing.LifeboatProcess;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance items 1-3 of replication, with real processes on loopback: one vault ({@code vault
 * serve} in a child JVM) shared by the tests, one machine per test, every agent run a child JVM.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplicationEndToEndTest {
    private static final int MIB = 1 << 20;

    @TempDir
    static Path tmp;

    ReplicationLab lab;

    @BeforeAll
    void startVault() {
        lab = ReplicationLab.start(tmp);
    }

    @AfterAll
    void stopVault() {
        if (lab != null) {
            lab.close();
        }
    }

    /** {@code size} bytes: the first {@code randomBytes} random, the rest zeros (a hole). */
    static void writeImage(Path file, long size, long randomBytes, long seed) throws IOException {
        Random r = new Random(seed);
        byte[] buf = new byte[MIB];
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            for (long at = 0; at < randomBytes; at += MIB) {
                r.nextBytes(buf);
                f.write(buf, 0, (int) Math.min(MIB, randomBytes - at));
            }
            f.setLength(size);
        }
    }

    @Test
    void imageIncrementalSendsUnderTwoPercentAndEveryPointFailsOverByteForByte() throws IOException {
        Path agent = lab.enroll("img");
        long size = 256L * MIB;
        Path img = tmp.resolve("disk.img");
        writeImage(img, size, size / 2, 1);

        JsonNode first = lab.protect(agent, img);
        assertThat(first.path("zeroBlocks").asLong()).as("the zero half is never sent").isEqualTo(4096);
        assertThat(first.path("bytesSent").asLong()).isBetween(size / 2, size / 2 + 2L * MIB);

        // change 1% in scattered 64 KiB pieces at offsets that are not block-aligned
        Random r = new Random(2);
        int pieces = (int) (size / 100 / (64 * 1024)) + 1; // 41 pieces, just over 1%
        long stride = size / pieces;
        TreeMap<Long, byte[]> original = new TreeMap<>();
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
            for (int i = 0; i < pieces; i++) {
                long at = i * stride + 1 + r.nextInt(4000) * 7L;
                byte[] old = new byte[64 * 1024];
                f.seek(at);
                f.readFully(old);
                original.put(at, old);
                byte[] fresh = new byte[64 * 1024];
                r.nextBytes(fresh);
                f.seek(at);
                f.write(fresh);
            }
        }
        JsonNode second = lab.protect(agent, img);
        long sent = second.path("bytesSent").asLong();
        assertThat(sent).as("bytes sent for a 1%% change").isLessThanOrEqualTo(size * 2 / 100);
        assertThat(second.path("blocksSent").asLong()).isBetween((long) pieces * 2, (long) pieces * 3);
        assertThat(second.path("point").path("bytesSent").asLong()).isEqualTo(sent);

        List<JsonNode> points = lab.points("img");
        assertThat(points).hasSize(2);
        assertThat(points.get(1).path("bytesSent").asLong()).isEqualTo(sent);
        assertThat(points.get(1).path("tlsVersion").asText()).isIn("TLSv1.3", "TLSv1.2");

        Path v2 = tmp.resolve("v2.img");
        lab.failover("img", second.path("point").path("id").asText(), v2);
        assertThat(Files.mismatch(v2, img)).as("point 2 restores the changed image").isEqualTo(-1);
        Files.delete(v2);

        Path v1 = tmp.resolve("v1.img");
        lab.failover("img", first.path("point").path("id").asText(), v1);
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
            for (var e : original.entrySet()) {
                f.seek(e.getKey());
                f.write(e.getValue());
            }
        }
        assertThat(Files.mismatch(v1, img)).as("point 1 restores the first version").isEqualTo(-1);
        Files.delete(v1);

        // the agent kept the fingerprints of the last point; --rehash drops them and hashes every block,
        // which finds every block of the first version already in the vault
        try (var kept = Files.list(agent.resolve("known-blocks"))) {
            assertThat(kept.filter(p -> p.toString().endsWith(".known")).count()).isEqualTo(1);
        }
        JsonNode rehashed = lab.protect(agent, img, "--rehash");
        assertThat(rehashed.path("blocksSent").asLong()).isZero();
        assertThat(rehashed.path("blocksPresent").asLong()).isEqualTo(4096);
        Files.delete(img);
    }

    /**
     * An image whose stamp did not change since its last point is not read: the next point holds the
     * same blocks and says so, in text and JSON; a touch (same bytes, new stamp) and --rehash read it.
     */
    @Test
    void anUnchangedImageIsKeptByItsStampAndATouchedOneIsRead() throws Exception {
        Path agent = lab.enroll("idle");
        Path img = tmp.resolve("idle.img");
        writeImage(img, 16L * MIB, 8L * MIB, 5);
        Thread.sleep(1_200); // a stamp is trusted only when settled a second before the pass that took it
        JsonNode first = lab.protect(agent, img);
        assertThat(first.path("keptByStamp").asBoolean()).isFalse();

        LifeboatProcess.Result text = lab.ok("agent", "protect", "--dir", agent.toString(), "--once", img.toString());
        assertThat(text.stdout()).contains("unchanged since the last point by its stamp, not read");
        JsonNode kept = lab.protect(agent, img);
        assertThat(kept.path("keptByStamp").asBoolean()).isTrue();
        assertThat(kept.path("sentAsDelta").asBoolean()).isTrue();
        assertThat(kept.path("blocksSent").asLong()).isZero();
        assertThat(kept.path("blocksPresent").asLong()).isEqualTo(256);
        assertThat(lab.points("idle")).hasSize(3);
        Path restored = tmp.resolve("idle-restored.img");
        lab.failover("idle", kept.path("point").path("id").asText(), restored);
        assertThat(Files.mismatch(restored, img)).isEqualTo(-1);
        Files.delete(restored);

        Files.setLastModifiedTime(img, FileTime.fromMillis(System.currentTimeMillis())); // `touch`
        JsonNode touched = lab.protect(agent, img);
        assertThat(touched.path("keptByStamp").asBoolean()).as("a touched image is read").isFalse();
        assertThat(touched.path("blocksSent").asLong()).isZero();
        Thread.sleep(1_200);
        lab.protect(agent, img); // records the touched stamp, now settled
        assertThat(lab.protect(agent, img).path("keptByStamp").asBoolean()).isTrue();
        assertThat(lab.protect(agent, img, "--rehash").path("keptByStamp").asBoolean()).as("--rehash").isFalse();
        lab.ok("verify", "--dir", lab.vault.toString(), "--machine", "idle");
        Files.delete(img);
    }

    @Test
    void directoryTreeWithOddNamesRoundTripsExactly() throws IOException {
        Path agent = lab.enroll("tree");
        Path src = tmp.resolve("tree-src");
        boolean utf8 = "UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding"));
        Files.createDirectories(src.resolve("a/b/c/d"));
        Files.createDirectories(src.resolve("empty folder"));
        Files.write(src.resolve("a/b/c/d/deep.bin"), randomBytes(300_000, 3));
        Files.write(src.resolve("a/empty"), new byte[0]);
        Files.write(src.resolve("a/b/zeros"), new byte[100_000]);
        List<String> odd = new ArrayList<>(List.of("with space", "-leading-dash", "quote'\"s", "tab\there",
                "new\nline", "back\\slash", "percent%20 & hash#", ".hidden"));
        if (utf8) {
            odd.addAll(List.of("ünïcödé ✓", "日本語のファイル", "emoji 🚀"));
        }
        for (String name : odd) {
            Files.writeString(src.resolve(name), "content of " + name, StandardCharsets.UTF_8);
        }
        Files.createSymbolicLink(src.resolve("link to deep"), Path.of("a/b/c/d/deep.bin"));
        Files.createSymbolicLink(src.resolve("a/dangling"), Path.of("../nowhere"));
        Path script = src.resolve("a/run.sh");
        Files.writeString(script, "#!/bin/sh\necho hi\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
        Files.setPosixFilePermissions(src.resolve("a/empty"), PosixFilePermissions.fromString("r--------"));
        try (Stream<Path> walk = Files.walk(src)) {
            long t = 1_600_000_000_000L;
            for (Path p : walk.sorted((x, y) -> y.compareTo(x)).toList()) {
                if (!Files.isSymbolicLink(p)) {
                    Files.setLastModifiedTime(p, FileTime.fromMillis(t += 1000));
                }
            }
        }

        JsonNode point = lab.protect(agent, src);
        Path restored = tmp.resolve("tree-restored");
        lab.failover("tree", point.path("point").path("id").asText(), restored);
        TreeSnapshot.assertSameTree(src, restored);
    }

    /**
     * A plain pass is labelled live; a pass through a pre/post script pair crash-consistent, in
     * the committed event, {@code points --json} and the text listing alike.
     */
    @Test
    void pointsSayWhetherTheyWereReadLiveOrFromASnapshot() throws IOException {
        Path agent = lab.enroll("labels");
        Path src = Files.writeString(tmp.resolve("labels.txt"), "some data\n");
        assertThat(lab.protect(agent, src).path("point").path("consistency").asText()).isEqualTo("live");

        Path log = tmp.resolve("labels.log");
        Path pre = Files.writeString(tmp.resolve("freeze.sh"), "#!/bin/sh\necho \"freeze $1\" >> " + log + "\n");
        Path post = Files.writeString(tmp.resolve("thaw.sh"), "#!/bin/sh\necho \"thaw $1\" >> " + log + "\n");
        for (Path script : List.of(pre, post)) {
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        }
        JsonNode frozen = lab.protect(agent, src, "--snapshot", "script", "--pre-snapshot", pre.toString(),
                "--post-snapshot", post.toString());
        assertThat(frozen.path("point").path("consistency").asText()).isEqualTo("crash-consistent");
        assertThat(Files.readAllLines(log)).containsExactly("freeze " + src, "thaw " + src);
        assertThat(lab.points("labels")).extracting(p -> p.path("consistency").asText())
                .containsExactly("live", "crash-consistent");
        String text = lab.ok("points", "--dir", lab.vault.toString(), "--machine", "labels").stdout();
        assertThat(text).contains("CONSISTENCY").contains(" live ").contains(" crash-consistent ");
    }

    @Test
    void afterTheAgentIsKilledMidUploadNothingStoredIsSentAgain() throws IOException {
        Path agent = lab.enroll("crash-a");
        Path img = tmp.resolve("crash-a.img");
        writeImage(img, 64L * MIB, 64L * MIB, 4); // 2048 random blocks
        long acked;
        try (LifeboatProcess p = lab.startProtect(agent, img)) {
            String line = p.waitForStdout(l -> l.contains("\"event\":\"uploaded\"")
                    && ReplicationLab.read(l).path("blocksSent").asLong() >= 512, T);
            acked = ReplicationLab.read(line).path("blocksSent").asLong();
            // close() is SIGKILL: no hook runs, the batch in flight is cut off
        }
        assertThat(lab.points("crash-a")).as("no point from the killed pass").isEmpty();

        JsonNode again = lab.protect(agent, img);
        long present = again.path("blocksPresent").asLong();
        assertThat(present).as("blocks stored before the kill are not sent again").isGreaterThanOrEqualTo(acked);
        assertThat(again.path("blocksSent").asLong()).isEqualTo(2048 - present);
        assertThat(again.path("bytesSent").asLong()).isLessThan((2048 - acked) * 32 * 1024 + 256 * 1024);
        Files.delete(img);
    }

    @Test
    void afterTheVaultIsKilledMidUploadNoPartialPointVerifyIsCleanAndTheAgentCompletes() throws IOException {
        Path agent = lab.enroll("crash-v");
        Path img = tmp.resolve("crash-v.img");
        writeImage(img, 64L * MIB, 64L * MIB, 5);
        try (LifeboatProcess p = lab.startProtect(agent, img)) {
            p.waitForStdout(l -> l.contains("\"event\":\"uploaded\"")
                    && ReplicationLab.read(l).path("blocksSent").asLong() >= 256, T);
            lab.killVault();
            try {
                p.waitForStdout(l -> l.contains("\"event\":\"retrying\""), T);
                assertThat(lab.points("crash-v")).as("no partial point is visible").isEmpty();
                LifeboatProcess.Result verify = lab.run("verify", "--dir", lab.vault.toString(), "--json");
                assertThat(verify.exitCode()).as(verify.toString()).isZero();
                assertThat(ReplicationLab.read(verify.stdout()).path("ok").asBoolean()).isTrue();
            } finally {
                lab.startVault();
            }
            assertThat(p.waitFor(T)).as("%s\n%s", p.stdout(), p.stderr()).isZero();
            JsonNode committed = ReplicationLab.events(p.stdout()).stream()
                    .filter(e -> e.path("event").asText().equals("committed")).findFirst().orElseThrow();
            assertThat(committed.path("blocksSent").asLong() + committed.path("blocksPresent").asLong()).isEqualTo(2048);
        }
        assertThat(lab.points("crash-v")).hasSize(1);
        lab.ok("verify", "--dir", lab.vault.toString());
        Path restored = tmp.resolve("crash-v.restored");
        lab.failover("crash-v", "latest", restored);
        assertThat(Files.mismatch(restored, img)).isEqualTo(-1);
        Files.delete(restored);
        Files.delete(img);
    }

    @Test
    void continuousModeTakesAPointEveryIntervalAndStopsCleanlyOnSigterm() throws IOException {
        Path agent = lab.enroll("loop");
        Path file = tmp.resolve("loop.bin");
        Files.write(file, randomBytes(500_000, 6));
        try (LifeboatProcess p = LifeboatProcess.start(ReplicationLab.ENV, "agent", "protect", "--dir", agent.toString(),
                "--interval", "1s", "--json", file.toString())) {
            p.waitForStdout(l -> l.contains("\"event\":\"committed\"") && l.contains("\"blocksPresent\":16"), T);
            // SIGTERM through the process handle: Process.destroy() would also close our end of its output
            ProcessHandle.of(p.pid()).ifPresent(ProcessHandle::destroy);
            int code = p.waitFor(T);
            assertThat(code).as(p.stdout() + p.stderr()).isIn(0, 143);
            List<String> events = ReplicationLab.events(p.stdout()).stream().map(e -> e.path("event").asText()).toList();
            assertThat(events).doesNotContain("failed");
            assertThat(events.get(events.size() - 1)).as("the last line after SIGTERM").isEqualTo("stopped");
        }
        // every point it committed is whole; a pass cut by the signal left nothing behind
        assertThat(lab.points("loop").size()).isGreaterThanOrEqualTo(2);
        lab.ok("verify", "--dir", lab.vault.toString(), "--machine", "loop");
    }

    static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
