package io.lifeboat.cli.quickstart;

import io.lifeboat.cli.ExitCode;
import io.lifeboat.tls.LifeboatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lifeboat quickstart [--path P] [--keep]}. */
@Command(name = "quickstart",
        header = "The whole loop on this machine, in a temporary folder.", mixinStandardHelpOptions = true,
        description = {"The whole loop on this machine, in a temporary folder: init a vault and serve it on a free"
                + " loopback port, enrol an agent, protect a generated sample disk image (or --path P), change it,"
                + " protect again, test-fail-over the latest point and check the restore is byte-identical, show the"
                + " TLS version and suite used, and show that a TLS 1.1 client is refused. Exit 0 when every step worked.",
            "--path P is only read, never changed (the second pass then shows what an unchanged source costs)."})
public final class QuickstartCommand implements Callable<Integer> {
    @Option(names = "--path", paramLabel = "P", description = "protect this file, image or folder instead of a sample")
    Path path;

    @Option(names = "--keep", description = "keep the temporary folder (vault, agent, sample, restore) afterwards")
    boolean keep;

    @Override
    public Integer call() throws IOException {
        if (path != null && !Files.exists(path)) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "--path " + path + ": no such file or folder");
        }
        Path work = Files.createTempDirectory("lifeboat-quickstart-");
        System.out.println("quickstart: working in " + work + (keep ? "" : " (removed at the end; --keep keeps it)"));
        try {
            new Quickstart(work, Optional.ofNullable(path).map(p -> p.toAbsolutePath().normalize()), System.out).run();
            return ExitCode.OK;
        } finally {
            if (!keep) {
                Quickstart.deleteTree(work);
            }
        }
    }
}
