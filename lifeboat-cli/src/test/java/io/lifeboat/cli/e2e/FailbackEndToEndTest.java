package io.lifeboat.cli.e2e;

import static io.lifeboat.cli.e2e.ReplicationLab.T;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lifeboat.cli.testing.LifeboatProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failback (issue 18, item 1), with real processes on loopback: a 256 MiB image is protected,
 * failed over to T, 1% of T changes and T is protected as the recovery machine; failing back onto
 * the old image fetches at most 2% of it and leaves it identical to T's point; killed halfway and
 * rerun, it finishes without fetching again what it wrote.
 */
@Tag("e2e")
class FailbackEndToEndTest {
    private static final int MIB = 1 << 20;
    private static final int BLOCK = 32 * 1024; // the agent's default block size
    private static final long SIZE = 256L * MIB;

    @TempDir
    Path tmp;

    @Test
    void failbackMovesOnlyTheChangesAndAKilledRunFinishesWithoutFetchingAgain() throws Exception {
        try (ReplicationLab lab = ReplicationLab.start(tmp.resolve("lab"))) {
            Path original = tmp.resolve("web-1.img");
            ReplicationEndToEndTest.writeImage(original, SIZE, SIZE / 2, 7); // the second half a hole
            lab.protect(lab.enroll("web-1"), original);

            Path recovered = tmp.resolve("dr/web-1.img");
            Files.createDirectories(recovered.getParent());
            lab.failover("web-1", "latest", recovered);
            changeOnePercent(recovered);
            lab.protect(lab.enroll("web-1-dr"), recovered); // the recovery side is a machine of its own
            long changed = differingBlocks(original, recovered);
            String point = sha256(recovered);
            assertThat(changed).as("1% changed in unaligned pieces").isBetween(SIZE / 100 / BLOCK, SIZE / 50 / BLOCK);

            // uninterrupted, onto a copy of the old image
            Path copy = tmp.resolve("web-1-copy.img");
            Files.copy(original, copy);
            JsonNode whole = failback(lab, copy);
            assertThat(whole.path("inPlace").asBoolean()).isTrue();
            assertThat(whole.path("checkedAfterWrite").asBoolean()).isTrue();
            assertThat(whole.path("blocksFetched").asLong()).isEqualTo(changed);
            assertThat(whole.path("bytesFetched").asLong()).isLessThanOrEqualTo(SIZE / 50);
            assertThat(whole.path("bytesWritten").asLong()).isEqualTo(changed * BLOCK);
            assertThat(sha256(copy)).isEqualTo(point);

            // killed (SIGKILL) once a third of the changes is written, then run again
            long pauseAt = changed / 3 * BLOCK;
            long written;
            try (LifeboatProcess p = LifeboatProcess.start(ReplicationLab.ENV, "failover", "--dir", lab.vault.toString(),
                    "--machine", "web-1-dr", "--to", original.toString(), "--force", "--json",
                    "--test-pause-after-writing", Long.toString(pauseAt))) {
                String line = p.waitForStderr(l -> l.contains("\"event\":\"paused\""), T);
                written = ReplicationLab.read(line).path("bytesWritten").asLong();
            }
            Path marker = tmp.resolve("web-1.img.lifeboat-incomplete");
            assertThat(marker).exists();
            LifeboatProcess.Result refused = lab.run("failover", "--dir", lab.vault.toString(), "--machine", "web-1-dr",
                    "--to", original.toString());
            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
            assertThat(refused.stderr()).contains("is incomplete").contains("may mix two points");

            JsonNode rerun = failback(lab, original);
            assertThat(rerun.path("finishedIncomplete").asText()).startsWith("machine web-1-dr point ");
            assertThat(rerun.path("blocksFetched").asLong()).as("what the killed run wrote is not fetched again")
                    .isLessThanOrEqualTo(changed - written / BLOCK);
            assertThat(rerun.path("bytesWritten").asLong()).isEqualTo(changed * BLOCK - written);
            assertThat(sha256(original)).isEqualTo(point);
            assertThat(marker).doesNotExist();
        }
    }

    private static JsonNode failback(ReplicationLab lab, Path target) {
        return ReplicationLab.read(lab.ok("failover", "--dir", lab.vault.toString(), "--machine", "web-1-dr",
                "--to", target.toString(), "--force", "--json").stdout());
    }

    /** 41 pieces of 64 KiB at offsets that are not block-aligned: just over 1% of the image. */
    private static void changeOnePercent(Path img) throws IOException {
        Random r = new Random(11);
        byte[] piece = new byte[64 * 1024];
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
            for (int i = 0; i < 41; i++) {
                r.nextBytes(piece);
                f.seek((long) (r.nextDouble() * (SIZE - piece.length)));
                f.write(piece);
            }
        }
    }

    private static long differingBlocks(Path a, Path b) throws IOException {
        long n = 0;
        try (InputStream x = Files.newInputStream(a); InputStream y = Files.newInputStream(b)) {
            for (long at = 0; at < SIZE; at += BLOCK) {
                if (!Arrays.equals(x.readNBytes(BLOCK), y.readNBytes(BLOCK))) {
                    n++;
                }
            }
        }
        return n;
    }

    private static String sha256(Path p) throws IOException, NoSuchAlgorithmException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[MIB];
        try (InputStream in = Files.newInputStream(p)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                sha.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
