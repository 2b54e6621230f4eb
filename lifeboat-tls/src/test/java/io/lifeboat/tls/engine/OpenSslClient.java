package io.lifeboat.tls.engine;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs {@code openssl s_client} as the peer; skips without openssl, fails without it when CI=true. */
final class OpenSslClient {
    private OpenSslClient() {
    }

    record Run(int exitCode, String output) {
    }

    static void require() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, "openssl"))) {
                return;
            }
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("openssl is not installed, but CI=true: add it to .ci/run");
        }
        Assumptions.abort("openssl is not installed");
    }

    /** s_client against 127.0.0.1:port with {@code args}; sends {@code input} and closes stdin. */
    static Run sClient(int port, String input, String... args) throws IOException, InterruptedException {
        return sClient(port, input, 0, args);
    }

    /** @param holdMillis keep stdin open this long after {@code input} (interactive commands like "R") */
    static Run sClient(int port, String input, long holdMillis, String... args) throws IOException, InterruptedException {
        require();
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port,
                "-servername", "localhost"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            p.getOutputStream().write(input.getBytes(StandardCharsets.US_ASCII));
            p.getOutputStream().flush();
            if (holdMillis > 0) {
                p.waitFor(holdMillis, TimeUnit.MILLISECONDS);
            }
            if (p.isAlive()) {
                p.getOutputStream().close();
            }
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                throw new AssertionError("openssl s_client did not finish: " + cmd);
            }
            return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } finally {
            p.destroyForcibly();
        }
    }
}
