package io.lifeboat.cli.readiness;

import io.lifeboat.readiness.hive.Hive;
import io.lifeboat.readiness.hive.HiveView;
import io.lifeboat.readiness.hive.LogReplay;
import io.lifeboat.readiness.hive.TransactionLog;
import io.lifeboat.readiness.live.CommandRunner;
import io.lifeboat.readiness.live.LiveRegistry;
import io.lifeboat.readiness.reg.RegFile;
import io.lifeboat.readiness.reg.RegFileReader;
import io.lifeboat.readiness.registry.RegistryView;
import io.lifeboat.readiness.report.Readiness;
import io.lifeboat.tls.LifeboatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns the files and flags a user named into a registry view (the only place readiness input is read). */
final class Sources {
    /** Hive files bigger than this are refused rather than read into memory (Windows' own limit is 2 GiB). */
    static final long MAX_FILE = 2L << 30;

    private Sources() {
    }

    static byte[] read(Path p, String flag) {
        try {
            long size = Files.size(p);
            if (size > MAX_FILE - 16) {
                throw new LifeboatException(LifeboatException.Kind.USAGE, flag + " " + p + ": " + size + " bytes is too big");
            }
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "cannot read " + flag + " " + p + ": "
                    + e.getClass().getSimpleName() + " " + e.getMessage(), e);
        }
    }

    static RegistryView regFiles(List<Path> files, List<String> notes) {
        return regFilesOn(null, files, notes);
    }

    /** The .reg files applied in order on {@code base} (null: an empty registry). */
    static RegistryView regFilesOn(RegistryView base, List<Path> files, List<String> notes) {
        List<RegFile> parsed = new ArrayList<>();
        for (Path p : files) {
            parsed.add(RegFileReader.read(read(p, "--reg"), p.toString()));
        }
        return Readiness.applyOn(base, parsed, notes);
    }

    static RegistryView hives(List<Path> hives, List<Path> logs, List<String> notes) {
        if (hives.isEmpty() || hives.size() > 2) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "give one or two --hive files (SYSTEM and/or SOFTWARE)");
        }
        List<Path> unused = new ArrayList<>(logs);
        Map<HiveView.Kind, Hive> byKind = new EnumMap<>(HiveView.Kind.class);
        for (Path h : hives) {
            List<Path> mine = new ArrayList<>();
            String base = h.getFileName().toString().toLowerCase(Locale.ROOT);
            for (Path l : logs) {
                if (l.getFileName().toString().toLowerCase(Locale.ROOT).startsWith(base + ".log")) {
                    mine.add(l);
                }
            }
            unused.removeAll(mine);
            if (logs.isEmpty()) {
                for (String ext : new String[] {".LOG1", ".LOG2", ".log1", ".log2"}) {
                    Path l = h.resolveSibling(h.getFileName() + ext);
                    if (Files.isRegularFile(l) && mine.stream().noneMatch(x -> x.getFileName().toString()
                            .equalsIgnoreCase(l.getFileName().toString()))) {
                        mine.add(l);
                    }
                }
            }
            Hive hive = load(h, mine, notes);
            HiveView.Kind kind = HiveView.kindOf(hive);
            if (byKind.put(kind, hive) != null) {
                throw new LifeboatException(LifeboatException.Kind.USAGE, "two " + kind + " hives given: " + h);
            }
        }
        if (!unused.isEmpty()) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "--log " + unused.get(0)
                    + " does not belong to any --hive (its name must start with the hive's file name, e.g. SYSTEM.LOG1)");
        }
        return HiveView.of(byKind.get(HiveView.Kind.SYSTEM), byKind.get(HiveView.Kind.SOFTWARE));
    }

    private static Hive load(Path h, List<Path> logPaths, List<String> notes) {
        byte[] image = read(h, "--hive");
        List<TransactionLog> logs = new ArrayList<>();
        for (Path l : logPaths.stream().sorted().toList()) {
            logs.add(TransactionLog.parse(l.toString(), read(l, "--log")));
        }
        LogReplay.Result r = LogReplay.recover(h.toString(), image, logs);
        var rec = r.recovery();
        if (rec.wasDirty()) {
            notes.add(h + ": dirty hive; " + (rec.applied() > 0
                    ? "replayed " + rec.applied() + " log entries (" + rec.format() + " format, sequence "
                    + rec.firstSequence() + ".." + rec.lastSequence() + ") from " + String.join(", ", rec.logsUsed())
                    + " in memory" : "not repaired")
                    + (rec.note().isEmpty() ? "" : ": " + rec.note()));
        }
        return Hive.parse(h.toString(), r.image());
    }

    /** How long one reg.exe export or query may take before it is stopped (a locked key, a prompt). */
    static final java.time.Duration REG_TIMEOUT = java.time.Duration.ofSeconds(60);

    static RegistryView live(List<String> notes) {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "--live reads the registry of the Windows machine"
                    + " it runs on; this is " + System.getProperty("os.name")
                    + ": export the keys there (reg export) and use --reg, or use --hive with copied hive files");
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("lifeboat-readiness");
            String reg = LiveRegistry.regExe(System.getenv("SystemRoot"));
            return new LiveRegistry(CommandRunner.system(REG_TIMEOUT), reg, dir).read(notes);
        } catch (IOException e) {
            throw new LifeboatException(LifeboatException.Kind.FAILED, "cannot create a temporary folder: " + e.getMessage(), e);
        } finally {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
