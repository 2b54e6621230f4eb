package io.lifeboat.cli.vault;

import static io.lifeboat.cli.testing.InProcessCli.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lifeboat.cli.JsonOutput;
import io.lifeboat.cli.testing.InProcessCli.Run;
import io.lifeboat.repository.RetentionPolicy;
import io.lifeboat.repository.StoragePolicy;
import io.lifeboat.vault.store.PolicyFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vault init} writes the storage policy, {@code vault policy} shows and sets it, {@code machines} shows it. */
class VaultPolicyCommandTest {
    @TempDir
    Path tmp;

    @Test
    void initWritesTheDefaultPolicyAndPolicyChangesIt() throws Exception {
        Path v = tmp.resolve("V");
        Run init = run("vault", "init", "--dir", v.toString());
        assertThat(init.code()).isZero();
        assertThat(init.out()).contains("keep-within 24h, keep-within-hourly 3d, keep-within-daily 15d; lock period 24h");
        PolicyFile file = new PolicyFile(v.resolve("policy.json"));
        assertThat(file.read()).isEqualTo(StoragePolicy.DEFAULT);

        Run show = run("vault", "policy", "--dir", v.toString());
        assertThat(show.out()).contains("lock period    24h").contains("reserve        1 GiB");

        assertThat(run("vault", "policy", "--dir", v.toString(), "--keep-daily", "7", "--keep-within", "12h",
                "--lock-period", "36h", "--free-space-reserve", "512MiB").code()).isZero();
        assertThat(run("vault", "policy", "--dir", v.toString(), "--machine", "db-1", "--keep-last", "48").code()).isZero();
        StoragePolicy p = file.read();
        assertThat(p.retention()).isEqualTo(new RetentionPolicy(0, 0, 7, 0, Duration.ofHours(12), null, null, null));
        assertThat(p.retentionOf("db-1")).isEqualTo(RetentionPolicy.keepLast(48));
        assertThat(p.lockPeriod()).isEqualTo(Duration.ofHours(36));
        assertThat(p.freeSpaceReserve()).isEqualTo(512L << 20);

        JsonNode machines = JsonOutput.MAPPER.readTree(run("vault", "machines", "--dir", v.toString(), "--json").out());
        assertThat(machines.get("policy").get("lockPeriod").asText()).isEqualTo("36h");
        assertThat(machines.get("policy").get("machines").get("db-1").get("keepLast").asInt()).isEqualTo(48);

        assertThat(run("vault", "policy", "--dir", v.toString(), "--machine", "db-1", "--reset").code()).isZero();
        assertThat(file.read().machines()).isEmpty();
    }

    @Test
    void badPolicyInputIsAOneLineUsageErrorAndChangesNothing() throws Exception {
        Path v = tmp.resolve("V");
        run("vault", "init", "--dir", v.toString());
        byte[] before = Files.readAllBytes(v.resolve("policy.json"));
        for (String[] args : new String[][] {
            {"vault", "policy", "--dir", v.toString(), "--lock-period", "soon"},
            {"vault", "policy", "--dir", v.toString(), "--free-space-reserve", "lots"},
        }) {
            Run r = run(args); // picocli's conversion errors: the reason, then the usage
            assertThat(r.code()).as(String.join(" ", args) + "\n" + r.err()).isEqualTo(2);
            assertThat(r.err()).contains("is not a").doesNotContain("\tat ");
        }
        for (String[] args : new String[][] {
            {"vault", "policy", "--dir", v.toString(), "--keep-last", "-1"},
            {"vault", "policy", "--dir", v.toString(), "--machine", "db-1", "--lock-period", "1h"},
            {"vault", "policy", "--dir", v.toString(), "--machine", "../x", "--keep-last", "1"},
            {"vault", "policy", "--dir", v.toString(), "--reset", "--keep-last", "1"},
            {"vault", "policy", "--dir", tmp.resolve("none").toString()},
        }) {
            Run r = run(args);
            assertThat(r.code()).as(String.join(" ", args) + "\n" + r.err()).isEqualTo(2);
            assertThat(r.err().lines().count()).as(r.err()).isEqualTo(1);
        }
        assertThat(Files.readAllBytes(v.resolve("policy.json"))).isEqualTo(before);
    }
}
