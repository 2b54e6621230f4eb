package io.lifeboat.cli.repo;

import static io.lifeboat.cli.testing.InProcessCli.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lifeboat.cli.JsonOutput;
import io.lifeboat.repository.BlockEncoding;
import io.lifeboat.repository.BlockId;
import io.lifeboat.repository.BlockRef;
import io.lifeboat.repository.Entry;
import io.lifeboat.repository.EntryType;
import io.lifeboat.repository.Manifest;
import io.lifeboat.repository.PointInfo;
import io.lifeboat.repository.PointMeta;
import io.lifeboat.repository.Repository;
import io.lifeboat.repository.RepositoryOptions;
import io.lifeboat.repository.SourceKind;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import io.lifeboat.repository.backend.LocalBackend;
import io.lifeboat.cli.testing.InProcessCli.Run;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three repository commands, run in-process through {@link Main#run}. */
class RepoCommandsTest {
    static final int BS = 4096;

    @TempDir
    Path tmp;

    Path vault;
    byte[] image;
    PointInfo point;

    @BeforeEach
    void protect() {
        vault = tmp.resolve("vault");
        image = new byte[6 * BS];
        new Random(3).nextBytes(image);
        java.util.Arrays.fill(image, 2 * BS, 4 * BS, (byte) 0);
        try (Repository repo = Repository.open(new LocalBackend(VaultDir.repository(vault)), RepositoryOptions.defaults())) {
            List<BlockRef> refs = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                byte[] b = java.util.Arrays.copyOfRange(image, i * BS, (i + 1) * BS);
                if (i == 2 || i == 3) {
                    refs.add(BlockRef.zero(BS));
                } else {
                    repo.putBlock("web-1", BlockId.of(b), b, BlockEncoding.RAW);
                    refs.add(new BlockRef(BlockId.of(b), BS));
                }
            }
            Manifest m = new Manifest(Manifest.FORMAT_VERSION, "/var/disk.img", SourceKind.IMAGE, BS,
                    List.of(new Entry("", EntryType.FILE, 0644, 1_700_000_000_000L, image.length, null, refs)));
            point = repo.commitPoint("web-1", m, new PointMeta(4 * BS, "TLSv1.3", "TLS_AES_128_GCM_SHA256", "crash-consistent"));
        }
    }

    @Test
    void pointsListsAsTextAndJson() throws Exception {
        Run text = run("points", "--dir", vault.toString());
        assertThat(text.code()).isZero();
        assertThat(text.out()).contains(point.id()).contains("web-1").contains("TLSv1.3").contains("TLS_AES_128_GCM_SHA256")
                .contains("CONSISTENCY").contains("crash-consistent");
        Run json = run("points", "--dir", vault.toString(), "--machine", "web-1", "--json");
        assertThat(json.code()).isZero();
        JsonNode p = JsonOutput.MAPPER.readTree(json.out()).get("points").get(0);
        assertThat(p.get("id").asText()).isEqualTo(point.id());
        assertThat(p.get("machine").asText()).isEqualTo("web-1");
        assertThat(p.get("created").asText()).isEqualTo(point.created().toString());
        assertThat(p.get("sourceBytes").asLong()).isEqualTo(image.length);
        assertThat(p.get("bytesSent").asLong()).isEqualTo(4 * BS);
        assertThat(p.get("tlsVersion").asText()).isEqualTo("TLSv1.3");
        assertThat(p.get("cipherSuite").asText()).isEqualTo("TLS_AES_128_GCM_SHA256");
        assertThat(p.get("consistency").asText()).isEqualTo("crash-consistent");
        Run none = run("points", "--dir", vault.toString(), "--machine", "other");
        assertThat(none.out()).contains("no recovery points");
        Run noVault = run("points", "--dir", tmp.resolve("nope").toString());
        assertThat(noVault.code()).isEqualTo(2);
        assertThat(noVault.err()).contains("no vault at").doesNotContain("Exception");
    }

    @Test
    void failoverRestoresAndTestModeChecksAndLeavesNoLock() throws Exception {
        Path target = tmp.resolve("out.img");
        Run r = run("failover", "--dir", vault.toString(), "--machine", "web-1", "--to", target.toString(), "--test");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readAllBytes(target)).isEqualTo(image);
        assertThat(r.out()).contains("identical");
        assertThat(new LocalBackend(VaultDir.repository(vault)).list(FileType.LOCKS)).isEmpty();
        Run again = run("failover", "--dir", vault.toString(), "--machine", "web-1", "--to", target.toString());
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("--force");
        Run json = run("failover", "--dir", vault.toString(), "--machine", "web-1", "--point", point.id(),
                "--to", target.toString(), "--force", "--json");
        assertThat(json.code()).as(json.err()).isZero();
        JsonNode result = JsonOutput.MAPPER.readTree(json.out());
        assertThat(result.get("bytesRestored").asLong()).isEqualTo(image.length);
        assertThat(json.err()).contains("{\"event\":\"start\"").contains("{\"event\":\"done\"");
        // forced onto a file that already matches: compared in place, nothing fetched or written
        assertThat(result.get("inPlace").asBoolean()).isTrue();
        assertThat(result.get("blocksFetched").asLong()).isZero();
        assertThat(result.get("bytesFetched").asLong()).isZero();
        assertThat(result.get("bytesWritten").asLong()).isZero();
        assertThat(result.get("checkedAfterWrite").asBoolean()).isTrue();
        try (RandomAccessFile raf = new RandomAccessFile(target.toFile(), "rw")) {
            raf.seek(5 * BS + 1);
            raf.write(0x5a ^ image[5 * BS + 1]);
        }
        Run delta = run("failover", "--dir", vault.toString(), "--machine", "web-1", "--to", target.toString(), "--force");
        assertThat(delta.code()).as(delta.err()).isZero();
        assertThat(delta.out()).contains("in place: 1 blocks fetched (4.0 KiB), 4.0 KiB written");
        assertThat(Files.readAllBytes(target)).isEqualTo(image);
        Run extraWithoutForce = run("failover", "--dir", vault.toString(), "--machine", "web-1", "--to",
                target.toString(), "--delete-extra");
        assertThat(extraWithoutForce.code()).isEqualTo(2);
        assertThat(extraWithoutForce.err()).contains("--delete-extra").contains("--force");
        Run inside = run("failover", "--dir", vault.toString(), "--machine", "web-1", "--to", vault.resolve("x").toString());
        assertThat(inside.code()).isEqualTo(2);
        assertThat(inside.err()).contains("inside the vault");
    }

    @Test
    void verifyExitsTwelveOnDamageAndFailoverNamesTheBlock() throws Exception {
        Run ok = run("verify", "--dir", vault.toString());
        assertThat(ok.code()).isZero();
        assertThat(ok.out()).contains("ok: no damage");
        LocalBackend local = new LocalBackend(VaultDir.repository(vault));
        Path pack = local.path(new Handle(FileType.DATA, local.list(FileType.DATA).get(0)));
        try (RandomAccessFile raf = new RandomAccessFile(pack.toFile(), "rw")) {
            raf.seek(raf.length() - 1);
            int b = raf.read();
            raf.seek(raf.length() - 1);
            raf.write(b ^ 0xff);
        }
        Run bad = run("verify", "--dir", vault.toString(), "--machine", "web-1", "--json");
        assertThat(bad.code()).isEqualTo(12);
        JsonNode report = JsonOutput.MAPPER.readTree(bad.out());
        assertThat(report.get("ok").asBoolean()).isFalse();
        String block = report.get("damaged").get(0).get("block").asText();
        assertThat(report.get("affectedPoints").get(0).get("pointId").asText()).isEqualTo(point.id());
        Run failover = run("failover", "--dir", vault.toString(), "--machine", "web-1", "--to", tmp.resolve("t.img").toString());
        assertThat(failover.code()).isEqualTo(12);
        assertThat(failover.err()).contains(block).doesNotContain("Exception");
        assertThat(tmp.resolve("t.img")).doesNotExist();
    }
}
