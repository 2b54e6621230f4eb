package io.lifeboat.cli.readiness;

import io.lifeboat.readiness.registry.RegistryView;
import io.lifeboat.readiness.report.FleetSummary;
import io.lifeboat.readiness.report.Readiness;
import io.lifeboat.readiness.report.ReadinessReport;
import io.lifeboat.tls.LifeboatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A folder of many machines' exports: each {@code NAME.reg} is one machine; each subfolder is one
 * machine whose {@code .reg} files are merged in name order (or whose SYSTEM / SOFTWARE hive files,
 * with their logs, are read). A machine whose files cannot be read is listed as unreadable; the
 * others are still judged.
 */
final class Fleet {
    private Fleet() {
    }

    static FleetSummary check(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "--fleet " + dir + " is not a folder");
        }
        Map<String, ReadinessReport> reports = new LinkedHashMap<>();
        Map<String, String> unreadable = new LinkedHashMap<>();
        for (Path entry : list(dir)) {
            String file = entry.getFileName().toString();
            boolean reg = file.toLowerCase(Locale.ROOT).endsWith(".reg");
            String name = reg ? file.substring(0, file.length() - 4) : file;
            try {
                List<String> notes = new ArrayList<>();
                RegistryView view;
                if (Files.isDirectory(entry)) {
                    view = machineFolder(entry, notes);
                } else if (reg) {
                    view = Sources.regFiles(List.of(entry), notes);
                } else {
                    continue;
                }
                reports.put(name, Readiness.check(view, notes));
            } catch (LifeboatException e) {
                unreadable.put(name, e.getMessage());
            }
        }
        if (reports.isEmpty() && unreadable.isEmpty()) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "--fleet " + dir
                    + " holds no .reg files and no machine folders");
        }
        return FleetSummary.of(reports, unreadable);
    }

    private static RegistryView machineFolder(Path folder, List<String> notes) {
        List<Path> files = list(folder);
        List<Path> regs = files.stream().filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".reg")).toList();
        if (!regs.isEmpty()) {
            return Sources.regFiles(regs, notes);
        }
        List<Path> hives = files.stream().filter(p -> {
            String n = p.getFileName().toString().toUpperCase(Locale.ROOT);
            return n.equals("SYSTEM") || n.equals("SOFTWARE");
        }).toList();
        if (hives.isEmpty()) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "no .reg files and no SYSTEM/SOFTWARE hives in " + folder);
        }
        return Sources.hives(hives, List.of(), notes);
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
