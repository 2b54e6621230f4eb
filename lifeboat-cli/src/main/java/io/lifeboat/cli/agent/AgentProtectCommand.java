package io.lifeboat.cli.agent;

import io.lifeboat.agent.AgentLayout;
import io.lifeboat.agent.group.GroupClient;
import io.lifeboat.agent.group.GroupMembership;
import io.lifeboat.agent.protect.FingerprintKey;
import io.lifeboat.agent.protect.HttpVaultApi;
import io.lifeboat.agent.protect.KnownBlocksStore;
import io.lifeboat.agent.protect.ProtectListener;
import io.lifeboat.agent.protect.ProtectLoop;
import io.lifeboat.agent.rpo.RpoReporter;
import io.lifeboat.agent.rpo.RpoSchedule;
import io.lifeboat.agent.protect.ProtectOptions;
import io.lifeboat.agent.protect.Protector;
import io.lifeboat.agent.protect.SourceStampStore;
import io.lifeboat.agent.protect.StopSignal;
import io.lifeboat.agent.protect.VaultClientTransport;
import io.lifeboat.agent.snapshot.AppConsistentSnapshot;
import io.lifeboat.agent.snapshot.Commands;
import io.lifeboat.agent.snapshot.LvmSnapshot;
import io.lifeboat.agent.snapshot.ReflinkSnapshot;
import io.lifeboat.agent.snapshot.ScriptSnapshot;
import io.lifeboat.agent.snapshot.SnapshotProvider;
import io.lifeboat.cli.DurationOption;
import io.lifeboat.cli.ExitCode;
import io.lifeboat.cli.render.ProgressBar;
import io.lifeboat.tls.LifeboatException;
import io.lifeboat.tls.engine.TlsEngine;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code agent protect --dir AGENT PATH... [--once] [--interval 5m] [--json]}. */
@Command(name = "protect", mixinStandardHelpOptions = true,
        description = {"Replicate files, disk images, block devices or folder trees to the vault this agent is enrolled"
                + " with, over mutual TLS. Each PATH becomes a recovery point; only blocks the vault lacks are sent"
                + " (zstd where it pays), all-zero blocks never.",
            "Without --once it takes a new point of every PATH each --interval, retries with back-off while the vault"
                + " is away, renews the machine certificate when due, and stops cleanly on SIGTERM or SIGINT (the"
                + " pass in flight is abandoned within seconds; what it stored is not sent again).",
            "Consistency: without --snapshot each PATH is read as it changes and its points are labelled live."
                + " --snapshot reflink reads a reflink copy (btrfs, XFS; fails with the reason elsewhere),"
                + " --snapshot lvm an LVM snapshot of a logical volume, --snapshot script whatever --pre-snapshot"
                + " prints (or PATH itself once it returns) until --post-snapshot; those points are labelled"
                + " crash-consistent.",
            "--pre-script and --post-script freeze and thaw the application around the snapshot (without"
                + " --snapshot, around the read): a point is labelled app-consistent only when both succeeded;"
                + " when one fails the pass says why (a notice) and labels the point what it is. With"
                + " --app-consistent-every 1h only one point an hour is frozen for; the others are labelled as usual.",
            "--group G makes each point a member of the vault's consistency group G (see `vault group set`): the agent"
                + " asks the vault for G's current round before it snapshots or reads, and records each committed point"
                + " for that round; the vault forms a group point when every member has one.",
            "Progress: a bar on a terminal, plain lines otherwise; --json prints one JSON event per line on"
                + " standard output (see docs/protocol.md)."})
public final class AgentProtectCommand implements Callable<Integer> {
    @Option(names = "--dir", required = true, paramLabel = "AGENT", description = "the enrolled agent folder")
    Path dir;

    // split: a config file's path.1, path.2, ... arrive as one value joined by newlines
    @Parameters(arity = "1..*", paramLabel = "PATH", split = "\n", splitSynopsisLabel = " ",
            description = "file, image, block device or folder to protect")
    List<Path> paths;

    @Option(names = "--once", description = "take one point of every PATH, then exit")
    boolean once;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "5m", converter = DurationOption.class,
            description = "time between points in continuous mode, e.g. 90s, 5m, 1h (default: ${DEFAULT-VALUE})")
    Duration interval;

    @Option(names = "--rpo", paramLabel = "DURATION", converter = DurationOption.class,
            description = "continuous mode to an RPO target instead of a fixed --interval: the next pass starts early"
                    + " when the last one was long, and the achieved RPO is reported to the vault (at least 10s)")
    Duration rpo;

    @Option(names = "--json", description = "print JSON events, one per line, on standard output")
    boolean json;

    @Option(names = {"--rehash", "--reread"}, description = "forget what is kept of each PATH's last point: read"
            + " every file and hash every block again, and send the whole manifest (otherwise an image, a file, or a"
            + " file of a folder whose size, mtime, ctime, inode, device, mode and owner are unchanged, and were so"
            + " a second before the pass that recorded them, is not read; a block device is always read; and a block"
            + " whose fingerprint is unchanged keeps its id unhashed)")
    boolean rehash;

    @Option(names = "--reread-after", paramLabel = "DURATION", defaultValue = "24h", converter = DurationOption.class,
            description = "read an image or file, or every file of a folder, again once the last pass that read it"
                    + " all is this old, e.g. 12h, 7d; 0s reads everything every pass (default: ${DEFAULT-VALUE})")
    Duration rereadAfter;

    @Option(names = "--snapshot", paramLabel = "KIND", defaultValue = "none",
            description = "read each PATH from a snapshot: none, reflink, lvm or script (default: ${DEFAULT-VALUE})")
    String snapshot;

    @Option(names = "--pre-snapshot", paramLabel = "PROGRAM", description = "with --snapshot script: run with PATH"
            + " before reading it; it holds PATH still, or prints the path of a snapshot to read instead")
    Path preSnapshot;

    @Option(names = "--post-snapshot", paramLabel = "PROGRAM", description = "with --snapshot script: run with PATH"
            + " after reading it (also when the pass failed)")
    Path postSnapshot;

    @Option(names = "--pre-script", paramLabel = "PROGRAM", description = "freeze the application: run with PATH"
            + " (LIFEBOAT_PHASE=freeze) before the snapshot is taken")
    Path preScript;

    @Option(names = "--post-script", paramLabel = "PROGRAM", description = "thaw the application: run with PATH"
            + " (LIFEBOAT_PHASE=thaw) right after the snapshot (without --snapshot, after the read), and after a failed freeze")
    Path postScript;

    @Option(names = "--app-consistent-every", paramLabel = "DURATION", converter = DurationOption.class,
            description = "with --pre-script: freeze only when PATH's last app-consistent point is this old, e.g. 1h"
                    + " (default: every pass)")
    Duration appConsistentEvery;

    @Option(names = "--group", paramLabel = "GROUP", description = "protect as a member of the vault's consistency"
            + " group GROUP (`vault group set`): before each round the agent asks the vault for the group's current"
            + " round, and records each committed point for it")
    String group;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "${env:LIFEBOAT_TLS_ENGINE:-auto}",
            description = "TLS engine: auto, boringssl or jdk (default: ${DEFAULT-VALUE}).")
    String engine;

    @Option(names = "--config", paramLabel = "FILE",
            description = "take options not given here from FILE (as `agent install-service` writes it: dir=..., path.1=..., rpo=...)")
    Path config;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (config != null) {
            io.lifeboat.cli.service.ConfigFileDefaults.fromArgs("--config", config.toString()).checkKeys(spec);
        }
        if (interval.isZero() || interval.isNegative()) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "--interval must be positive");
        }
        SnapshotProvider snapshots = snapshotProvider();
        RpoSchedule schedule = rpo == null ? null : new RpoSchedule(rpo);
        if (schedule != null && once) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "--rpo is for continuous protection: not with --once");
        }
        PrintStream out = System.out;
        ProtectJsonEvents events = json ? new ProtectJsonEvents(out) : null;
        ProtectTextProgress text = json ? null : new ProtectTextProgress(out, System.err, ProgressBar.stderrIsTerminal());
        ProtectListener listener = json ? events : text;
        StopSignal stop = new StopSignal();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.request();
            try {
                finished.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (events != null) {
                events.stopped();
            }
        }, "agent-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        AgentLayout layout = new AgentLayout(dir);
        // the TLS engine and the vault client are set up while the pass starts reading
        try (VaultClientTransport transport = VaultClientTransport.connecting(layout, () -> TlsEngine.select(engine))) {
            ProtectOptions options = ProtectOptions.defaults().withSnapshot(snapshots);
            HttpVaultApi api = new HttpVaultApi(transport, transport.machine(), options.retry(), listener, stop);
            KnownBlocksStore records = KnownBlocksStore.in(layout.knownBlocks(),
                    FingerprintKey.loadOrCreate(layout.fingerprintKey())).withRereadAfter(rereadAfter);
            if (rehash) {
                forgetRecords(records);
            }
            Protector protector = new Protector(api, options, listener, stop, records);
            GroupMembership membership = group == null ? null
                    : new GroupMembership(new GroupClient(transport, group), listener);
            if (once) {
                // the connection is opened (and the vault's nodes asked for) while the pass reads
                transport.refreshNodesInBackground();
                if (membership != null) {
                    membership.beforeRound(); // a group that does not exist, or lacks this machine, stops here
                }
                for (Path p : paths) {
                    var result = protector.protect(p);
                    if (membership != null) {
                        membership.passCommitted(p, result, Duration.ZERO);
                    }
                }
            } else {
                ProtectLoop loop = new ProtectLoop(protector, stop, e -> report(e, events));
                Runnable renew = () -> { // before every round: the certificate, and the vault's list of nodes
                    transport.renewIfDue(Clock.systemUTC());
                    transport.refreshNodes();
                };
                Runnable before = membership == null ? renew : () -> {
                    try {
                        renew.run();
                    } finally {
                        membership.beforeRound(); // asked even when renewal failed: never record into a stale round
                    }
                };
                ProtectLoop.RoundListener rounds = membership == null ? ProtectLoop.RoundListener.NONE : membership;
                if (schedule != null) {
                    loop.run(paths, schedule::nextInterval, before, both(
                            new RpoReporter(transport, transport.machine(), schedule.target(), Clock.systemUTC()), rounds));
                } else {
                    loop.run(paths, lastRound -> interval, before, rounds);
                }
            }
            return ExitCode.OK;
        } catch (LifeboatException e) {
            if (events != null) {
                events.failed(e.getMessage(), ExitCode.of(e));
            }
            throw e;
        } finally {
            if (text != null) {
                text.closeBar();
            }
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waits for `finished`, counted down above
            }
        }
    }

    /** Both listeners, in order: the RPO report and the group record are independent of each other. */
    private static ProtectLoop.RoundListener both(ProtectLoop.RoundListener a, ProtectLoop.RoundListener b) {
        return new ProtectLoop.RoundListener() {
            @Override
            public void passCommitted(Path source, io.lifeboat.agent.protect.ProtectResult result, Duration took) {
                a.passCommitted(source, result, took);
                b.passCommitted(source, result, took);
            }

            @Override
            public void roundFinished() {
                a.roundFinished();
                b.roundFinished();
            }
        };
    }

    private SnapshotProvider snapshotProvider() {
        SnapshotProvider taken = snapshotKind();
        if ((preScript == null) != (postScript == null)) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "--pre-script and --post-script go together:"
                    + " a freeze needs its thaw");
        }
        if (preScript == null) {
            if (appConsistentEvery != null) {
                throw new LifeboatException(LifeboatException.Kind.USAGE, "--app-consistent-every needs --pre-script and --post-script");
            }
            return taken;
        }
        if (appConsistentEvery != null && (appConsistentEvery.isNegative() || appConsistentEvery.isZero())) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "--app-consistent-every must be positive");
        }
        return new AppConsistentSnapshot(preScript.toAbsolutePath(), postScript.toAbsolutePath(), taken,
                appConsistentEvery == null ? Duration.ZERO : appConsistentEvery, Commands.SYSTEM, Clock.systemUTC());
    }

    private SnapshotProvider snapshotKind() {
        boolean script = snapshot.equals("script");
        if (!script && (preSnapshot != null || postSnapshot != null)) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "--pre-snapshot and --post-snapshot need --snapshot script");
        }
        return switch (snapshot) {
            case "none" -> SnapshotProvider.NONE;
            case "reflink" -> new ReflinkSnapshot(Commands.SYSTEM);
            case "lvm" -> new LvmSnapshot(Commands.SYSTEM);
            case "script" -> {
                if (preSnapshot == null || postSnapshot == null) {
                    throw new LifeboatException(LifeboatException.Kind.USAGE,
                            "--snapshot script needs both --pre-snapshot and --post-snapshot");
                }
                yield new ScriptSnapshot(preSnapshot.toAbsolutePath(), postSnapshot.toAbsolutePath(), Commands.SYSTEM);
            }
            default -> throw new LifeboatException(LifeboatException.Kind.USAGE, "--snapshot must be none, reflink, lvm"
                    + " or script, not " + snapshot);
        };
    }

    private static void forgetRecords(KnownBlocksStore records) {
        try {
            records.forgetAll();
            SourceStampStore.beside(records).forgetAll();
        } catch (IOException e) {
            throw new LifeboatException(LifeboatException.Kind.FAILED, "--rehash: cannot delete the kept fingerprints: " + e, e);
        }
    }

    private static void report(LifeboatException e, ProtectJsonEvents events) {
        if (events != null) {
            events.failed(e.getMessage(), ExitCode.of(e));
        } else {
            System.err.println("lifeboat: " + e.getMessage() + " (trying again next interval)");
        }
    }
}
