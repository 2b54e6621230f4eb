package io.lifeboat.readiness.live;

import java.io.IOException;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Runs one external command ({@code reg.exe}); a seam so the live reader is tested with recorded output. */
public interface CommandRunner {
    /** Exit status and standard output (decoded) of a finished command. */
    record Outcome(int exit, String output) {
    }

    Outcome run(List<String> command) throws IOException, InterruptedException;

    /**
     * The real one: a child process, error stream merged, output read on another thread so a command that
     * hangs (a registry key locked by another process, a prompt) is killed after {@code timeout} and
     * reported, instead of holding the command forever.
     */
    static CommandRunner system(Duration timeout) {
        return command -> {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> {
                try {
                    return p.getInputStream().readAllBytes();
                } catch (IOException e) {
                    return new byte[0];
                }
            });
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException(command.get(0) + " did not finish within " + timeout.toSeconds() + " s and was stopped");
            }
            try {
                return new Outcome(p.exitValue(), new String(out.get(timeout.toMillis(), TimeUnit.MILLISECONDS),
                        Charset.defaultCharset()));
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IOException("cannot read the output of " + command.get(0) + ": " + e, e);
            }
        };
    }
}
