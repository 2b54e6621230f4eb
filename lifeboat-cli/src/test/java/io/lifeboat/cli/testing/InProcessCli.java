package io.lifeboat.cli.testing;

import io.lifeboat.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Runs a {@code lifeboat} command in this JVM through {@link Main#run}, as the launcher would, with
 * standard output and error captured (commands print to {@code System.out} directly).
 */
public final class InProcessCli {
    private InProcessCli() {
    }

    /** A finished command: its exit code and what it printed. */
    public record Run(int code, String out, String err) {
    }

    public static synchronized Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
