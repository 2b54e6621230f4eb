package io.lifeboat.repository.backend.azure;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * Azurite, Microsoft's Azure Storage emulator (npm, pinned by {@code .ci/run}), started for a test on
 * a free loopback port with its data in a temporary folder. Where it is not installed the test is
 * skipped, except under CI ({@code CI=true}), where that is a failure.
 */
public final class Azurite implements AutoCloseable {
    /** The emulator's documented development account and key (public, not a secret). */
    private static final String ACCOUNT = "devstoreaccount1";
    private static final String KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private final Process process;
    private final int port;

    private Azurite(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** The azurite-blob launcher: {@code LIFEBOAT_AZURITE}, set by the build to the copy {@code .ci/run} installs. */
    static Path launcher() {
        String configured = System.getenv("LIFEBOAT_AZURITE");
        return configured == null ? Path.of(".cache/azurite-3.37.0/node_modules/.bin/azurite-blob") : Path.of(configured);
    }

    public static Azurite start(Path dataDir) throws IOException, InterruptedException {
        Path launcher = launcher();
        if (!Files.isExecutable(launcher) || !onPath("node")) {
            String why = "Azurite is not installed (" + launcher + ", and node on PATH); .ci/run installs it";
            if ("true".equals(System.getenv("CI"))) {
                fail(why);
            }
            Assumptions.abort(why);
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path log = Files.createTempFile(dataDir, "azurite", ".log");
        Process p = new ProcessBuilder(List.of(launcher.toString(), "--blobHost", "127.0.0.1", "--blobPort",
                Integer.toString(port), "--location", dataDir.toString(), "--silent"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Azurite azurite = new Azurite(p, port);
        azurite.awaitPort(log);
        return azurite;
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Waits until the emulator accepts connections (startup only; no test times anything). */
    private void awaitPort(Path log) throws IOException, InterruptedException {
        for (int i = 0; i < 1200; i++) {
            if (!process.isAlive()) {
                fail("Azurite exited (" + process.exitValue() + "): " + Files.readString(log, StandardCharsets.UTF_8));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        close();
        fail("Azurite did not open port " + port + ": " + Files.readString(log, StandardCharsets.UTF_8));
    }

    public int port() {
        return port;
    }

    public String connectionString() {
        return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + KEY
                + ";BlobEndpoint=http://127.0.0.1:" + port + "/" + ACCOUNT + ";";
    }

    /** A connection string with the right endpoint and a wrong key. */
    public String wrongKeyConnectionString() {
        return connectionString().replace(KEY, java.util.Base64.getEncoder().encodeToString(new byte[64]));
    }

    private com.azure.storage.blob.BlobServiceClient client() {
        return new com.azure.storage.blob.BlobServiceClientBuilder().connectionString(connectionString())
                .httpClient(new JdkAzureHttpClient(java.time.Duration.ofSeconds(10), java.time.Duration.ofSeconds(60)))
                .buildClient();
    }

    /** Creates a container with a fresh name and returns the name. */
    public String newContainer() {
        String name = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        client().createBlobContainer(name);
        return name;
    }

    /** Every blob name in {@code container}, sorted. */
    public List<String> blobNames(String container) {
        return client().getBlobContainerClient(container).listBlobs().stream().map(b -> b.getName()).sorted().toList();
    }

    /** Whether {@code container} exists. */
    public boolean hasContainer(String container) {
        return client().getBlobContainerClient(container).exists();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
