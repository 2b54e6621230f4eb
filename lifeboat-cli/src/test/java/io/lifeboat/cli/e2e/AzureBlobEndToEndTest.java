package io.lifeboat.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lifeboat.repository.backend.azure.Azurite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A vault whose repository is in Azure Blob Storage (Azurite): an agent protects a small image,
 * {@code failover} gives it back byte for byte, {@code verify} finds no damage, a {@code prune} runs
 * beside the serving vault (the store is shared; pruning takes the prune lease), and the vault's
 * folder holds no repository of its own.
 */
class AzureBlobEndToEndTest {
    @TempDir
    Path tmp;

    @Test
    void aVaultOnAzureBlobProtectsFailsOverAndVerifies() throws Exception {
        try (Azurite azurite = Azurite.start(Files.createDirectories(tmp.resolve("azurite")))) {
            String container = azurite.newContainer();
            Path credentials = tmp.resolve("azure.conn");
            Files.writeString(credentials, azurite.connectionString() + "\n");
            Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));

            try (ReplicationLab lab = ReplicationLab.start(tmp.resolve("lab"), List.of(
                    "--store", "azure-blob://" + container + "/site-a", "--credentials-file", credentials.toString()))) {
                Path agent = lab.enroll("web-1");
                byte[] image = new byte[6 << 20]; // random first half, a hole after it
                byte[] random = new byte[3 << 20];
                new Random(7).nextBytes(random);
                System.arraycopy(random, 0, image, 0, random.length);
                Path img = tmp.resolve("disk.img");
                Files.write(img, image);

                JsonNode committed = lab.protect(agent, img);
                List<JsonNode> points = lab.points("web-1");
                assertThat(points).hasSize(1);
                String point = points.get(0).path("id").asText();
                assertThat(committed.toString()).contains(point);

                Path restored = tmp.resolve("restored.img");
                lab.failover("web-1", point, restored);
                assertThat(Files.readAllBytes(restored)).isEqualTo(image);

                var verify = lab.ok("verify", "--dir", lab.vault.toString(), "--json");
                assertThat(ReplicationLab.read(verify.stdout()).path("ok").asBoolean()).as(verify.toString()).isTrue();
                assertThat(lab.vault.resolve("repo")).doesNotExist();

                // a store on Azure Blob is shared: prune runs beside the serving vault, under the prune lease
                lab.ok("prune", "--dir", lab.vault.toString());
                lab.ok("prune", "--dir", lab.vault.toString(), "--dry-run"); // readers need no lease
            }
            assertThat(azurite.blobNames(container)).contains("site-a/config")
                    .anyMatch(n -> n.startsWith("site-a/points/web-1/"))
                    .anyMatch(n -> n.startsWith("site-a/data/"))
                    .anyMatch(n -> n.startsWith("site-a/manifests/web-1/"))
                    .allMatch(n -> n.startsWith("site-a/"));
        }
    }
}
