package io.lifeboat.cli.service;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where {@code install-service} writes, and which program the unit starts. */
public final class ServiceOptions {
    @Option(names = "--unit-dir", paramLabel = "DIR", defaultValue = "/etc/systemd/system",
            description = "Where the unit goes (default: ${DEFAULT-VALUE}).")
    Path unitDir;

    @Option(names = "--config-dir", paramLabel = "DIR", defaultValue = "/etc/lifeboat",
            description = "Where the config file goes (default: ${DEFAULT-VALUE}).")
    Path configDir;

    @Option(names = "--executable", paramLabel = "FILE", defaultValue = "/usr/local/bin/lifeboat",
            description = "The lifeboat launcher the unit runs (default: ${DEFAULT-VALUE}).")
    Path executable;

    @Option(names = "--force", description = "Replace a unit or config file that exists.")
    boolean force;
}
