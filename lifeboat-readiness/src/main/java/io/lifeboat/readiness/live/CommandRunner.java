package io.lifeboat.readiness.live;

import java.io.IOException;
import java.util.List;

/** Runs one external command ({@code reg.exe}); a seam so the live reader is tested with recorded output. */
public interface CommandRunner {
    /** Exit status and standard output (decoded) of a finished command. */
    record Outcome(int exit, String output) {
    }

    Outcome run(List<String> command) throws IOException, InterruptedException;

    /** The real one: a child process, output read fully, error stream merged. */
    static CommandRunner system() {
        return command -> {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            return new Outcome(p.waitFor(), new String(out, java.nio.charset.Charset.defaultCharset()));
        };
    }
}
