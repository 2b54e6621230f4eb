package io.lifeboat.cli.scan;

import io.lifeboat.cli.ExitCode;
import io.lifeboat.cli.JsonOutput;
import io.lifeboat.cli.render.ProgressBar;
import io.lifeboat.scan.ScanListener;
import io.lifeboat.scan.ScanOptions;
import io.lifeboat.scan.Scanner;
import io.lifeboat.tls.pki.ChainJudge;
import io.lifeboat.scan.net.Target;
import io.lifeboat.scan.net.starttls.StartTls;
import io.lifeboat.scan.report.TargetReport;
import io.lifeboat.tls.LifeboatException;
import io.lifeboat.tls.pki.Pem;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lifeboat scan}: options, validation, one call into {@link Scanner}, rendering. */
@Command(name = "scan",
        header = "What does a TLS endpoint accept? Versions, suites, downgrade defences.",
        description = {"What exactly does this TLS endpoint accept? Versions SSL 2.0 to TLS 1.3, suites in the",
            "server's order, groups, fallback SCSV, downgrade sentinel, renegotiation, compression and the",
            "certificate chain, judged against TLS12_PLUS. Exit 0 when every target is compliant, 3 when not."},
        mixinStandardHelpOptions = true)
public final class ScanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "HOST[:PORT]", arity = "0..*", description = "Endpoints; the port defaults to 443.")
    List<String> targets = new ArrayList<>();

    @Option(names = {"-f", "--file"}, paramLabel = "TARGETS",
            description = "Read more targets from this file, one per line (# starts a comment).")
    Path targetsFile;

    @Option(names = "--sni", paramLabel = "NAME", description = "Server name to send (default: the host, when it is a name).")
    String sni;

    @Option(names = "--ca", paramLabel = "FILE",
            description = "Judge certificates against the CA certificates in this PEM file instead of the JDK trust store.")
    Path caFile;

    @Option(names = "--json", paramLabel = "FILE|-", description = "Write the JSON report (docs/scanner.md) to FILE, or to stdout for -.")
    String json;

    @Option(names = "--starttls", paramLabel = "PROTOCOL",
            description = "Ask for TLS with the protocol's own request first: smtp, imap, pop3, ftp, ldap, postgres or"
                    + " mysql (the port then defaults to the protocol's: 25, 143, 110, 21, 389, 5432, 3306).")
    String startTls;

    @Option(names = "--all-addresses",
            description = "Scan every address a name resolves to (IPv4 and IPv6), one report each; by default only the first.")
    boolean allAddresses;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5s",
            description = "Per connection, e.g. 5s or 800ms (default ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "" + ScanOptions.DEFAULT_CONCURRENCY,
            description = "Targets scanned at once (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--connections", paramLabel = "N", defaultValue = "" + ScanOptions.DEFAULT_CONNECTIONS_PER_TARGET,
            description = "Connections open to one target at once (default ${DEFAULT-VALUE}).")
    int connections;

    @Override
    public Integer call() throws Exception {
        Optional<StartTls> starttls = Optional.ofNullable(startTls).map(p -> StartTls.fromCode(p).orElseThrow(() ->
                new LifeboatException(LifeboatException.Kind.USAGE, "--starttls " + p + ": not one of smtp, imap, pop3,"
                        + " ftp, ldap, postgres, mysql")));
        List<Target> list = targets(starttls.map(StartTls::defaultPort).orElse(Target.DEFAULT_PORT));
        ScanOptions options = new ScanOptions(Durations.parse(timeout, "--timeout"), connections, concurrency,
                ScanOptions.DEFAULT_BUNDLE_SIZE, judge(), Clock.systemUTC(), starttls, allAddresses,
                io.lifeboat.scan.net.Resolver.SYSTEM);
        PrintStream out = System.out;
        List<TargetReport> reports;
        try (ProgressBar bar = list.size() > 1
                ? new ProgressBar(System.err, ProgressBar.stderrIsTerminal(), "scan", list.size(), ProgressBar.Unit.ITEMS)
                : null) {
            ScanListener listener = bar == null ? ScanListener.NONE : new ScanListener() {
                @Override
                public void targetFinished(TargetReport report) {
                    bar.add(1);
                }
            };
            reports = new Scanner(options).scan(list, listener);
        }
        if (json != null) {
            JsonOutput.write(json, ScanJson.of(reports), System.out);
        }
        if (!"-".equals(json)) {
            ScanText.print(reports, out);
        }
        return reports.stream().allMatch(TargetReport::compliant) ? ExitCode.OK : ExitCode.FINDINGS;
    }

    private List<Target> targets(int defaultPort) {
        Optional<String> sniName = Optional.ofNullable(sni).filter(s -> !s.isBlank());
        List<String> texts = new ArrayList<>(targets);
        if (targetsFile != null) {
            try {
                for (String line : Files.readAllLines(targetsFile)) {
                    String t = line.replaceAll("#.*", "").trim();
                    if (!t.isEmpty()) {
                        texts.add(t);
                    }
                }
            } catch (IOException e) {
                throw new LifeboatException(LifeboatException.Kind.USAGE, "cannot read targets file " + targetsFile + ": " + e.getMessage(), e);
            }
        }
        if (texts.isEmpty()) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "no targets: give HOST[:PORT] or -f FILE");
        }
        return texts.stream().map(t -> Target.parse(t, sniName, defaultPort)).toList();
    }

    private ChainJudge judge() {
        if (caFile == null) {
            return ChainJudge.jdkDefault();
        }
        try {
            List<X509Certificate> cas = Pem.readCertificates(caFile);
            if (cas.isEmpty()) {
                throw new LifeboatException(LifeboatException.Kind.USAGE, "--ca " + caFile + " holds no PEM certificate");
            }
            return ChainJudge.trusting(cas);
        } catch (IOException e) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "cannot read --ca " + caFile + ": " + e.getMessage(), e);
        }
    }

    /** Parses "5s", "800ms", "2m" or a bare number of seconds. */
    static final class Durations {
        private Durations() {
        }

        static Duration parse(String text, String option) {
            String s = text.trim().toLowerCase(java.util.Locale.ROOT);
            try {
                if (s.endsWith("ms")) {
                    return positive(Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2))), text, option);
                }
                if (s.endsWith("s")) {
                    return positive(Duration.ofMillis(Math.round(Double.parseDouble(s.substring(0, s.length() - 1)) * 1000)), text, option);
                }
                if (s.endsWith("m")) {
                    return positive(Duration.ofMinutes(Long.parseLong(s.substring(0, s.length() - 1))), text, option);
                }
                return positive(Duration.ofMillis(Math.round(Double.parseDouble(s) * 1000)), text, option);
            } catch (NumberFormatException e) {
                throw new LifeboatException(LifeboatException.Kind.USAGE, option + " '" + text + "' is not a duration like 5s or 800ms");
            }
        }

        private static Duration positive(Duration d, String text, String option) {
            if (d.isNegative() || d.isZero()) {
                throw new LifeboatException(LifeboatException.Kind.USAGE, option + " '" + text + "' must be positive");
            }
            return d;
        }
    }
}
