package io.lifeboat.readiness.live;

import io.lifeboat.readiness.reg.RegFile;
import io.lifeboat.readiness.reg.RegFileReader;
import io.lifeboat.readiness.registry.KeyPath;
import io.lifeboat.readiness.registry.MutableRegistry;
import io.lifeboat.readiness.registry.RegistryEdit;
import io.lifeboat.readiness.rules.OsFamily;
import io.lifeboat.readiness.rules.OsInfo;
import io.lifeboat.tls.LifeboatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The live registry of this Windows machine, read with {@code %SystemRoot%\System32\reg.exe export KEY FILE
 * /y /reg:64} (by its full path, each run stopped after a timeout) for each
 * key the rules read (the 32-bit view as its WOW6432Node paths), each export fed to the same
 * {@link RegFileReader} as user-supplied files, then merged. A key that does not exist is skipped
 * (reg.exe exits 1). Servicing records are looked up only for the update the detected OS needs,
 * with {@code reg query PACKAGES /k /f KB...}. Nothing is written to the registry.
 */
public final class LiveRegistry {
    static final String CCS = "HKLM\\SYSTEM\\CurrentControlSet\\Control\\";
    static final List<String> KEYS = List.of(
            CCS + "SecurityProviders\\SCHANNEL",
            CCS + "Cryptography\\Configuration\\Local\\SSL",
            CCS + "Session Manager\\Environment",
            "HKLM\\SOFTWARE\\Microsoft\\.NETFramework",
            "HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework",
            "HKLM\\SOFTWARE\\Microsoft\\NET Framework Setup\\NDP",
            "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\WinHttp",
            "HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\WinHttp",
            "HKLM\\SOFTWARE\\Policies\\Microsoft\\Cryptography\\Configuration\\SSL",
            "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion");
    static final String PACKAGES = "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing\\Packages";

    private final CommandRunner runner;
    private final String regExe;
    private final Path workDir;

    /**
     * @param regExe  reg.exe by its full path ({@link #regExe(String)}): a bare "reg" would be looked up in
     *                the current folder first on Windows, so a planted reg.exe there would run instead
     * @param workDir an empty private folder for the export files (the caller deletes it)
     */
    public LiveRegistry(CommandRunner runner, String regExe, Path workDir) {
        this.runner = runner;
        this.regExe = regExe;
        this.workDir = workDir;
    }

    /** {@code %SystemRoot%\System32\reg.exe}, from the value of SystemRoot (which the caller reads). */
    public static String regExe(String systemRoot) {
        if (systemRoot == null || systemRoot.isBlank()) {
            throw new LifeboatException(LifeboatException.Kind.FAILED,
                    "--live: SystemRoot is not set, so reg.exe cannot be found by its full path");
        }
        String root = systemRoot.strip();
        return (root.endsWith("\\") ? root : root + "\\") + "System32\\reg.exe";
    }

    /** The merged exports; {@code notes} receives which keys were absent. */
    public MutableRegistry read(List<String> notes) {
        MutableRegistry reg = new MutableRegistry("live registry (reg export of both views)");
        int n = 0;
        for (String key : KEYS) {
            export(key, n++, notes).ifPresent(f -> reg.applyAll(f.edits()));
        }
        OsFamily family = OsInfo.detect(reg).family();
        if (!family.requiredUpdate().isEmpty()) {
            Optional<List<String>> found = packages(family.requiredUpdate(), notes);
            if (found.isPresent()) {
                // the search ran: the servicing records exist, whether or not one names the KB
                reg.apply(new RegistryEdit.CreateKey(KeyPath.parse(PACKAGES)));
                for (String pkg : found.get()) {
                    export(pkg, n++, notes).ifPresent(f -> reg.applyAll(f.edits()));
                }
            }
        }
        return reg;
    }

    private java.util.Optional<RegFile> export(String key, int n, List<String> notes) {
        Path file = workDir.resolve("export-" + n + ".reg");
        CommandRunner.Outcome o = run(List.of(regExe, "export", key, file.toString(), "/y", "/reg:64"));
        if (o.exit() != 0 || !Files.exists(file)) {
            notes.add("live: " + key + " not present (reg export exit " + o.exit() + ")");
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(RegFileReader.read(Files.readAllBytes(file), "reg export " + key).requireClean());
        } catch (IOException e) {
            throw new LifeboatException(LifeboatException.Kind.FAILED, "cannot read the export of " + key + ": " + e.getMessage(), e);
        }
    }

    /**
     * Package key names (full paths) whose name contains the KB, from {@code reg query /k /f}; empty when
     * the search itself did not run (no "End of search" line: access denied, no such key), so the
     * records cannot be told apart from an update that is missing.
     */
    private Optional<List<String>> packages(String kb, List<String> notes) {
        CommandRunner.Outcome o = run(List.of(regExe, "query", PACKAGES, "/k", "/f", kb));
        if (!o.output().contains("End of search:")) {
            notes.add("live: cannot search the servicing records for " + kb + " (reg query exit " + o.exit() + ")");
            return Optional.empty();
        }
        List<String> out = new ArrayList<>();
        for (String line : o.output().split("\r?\n")) {
            String t = line.strip();
            if (t.toUpperCase(java.util.Locale.ROOT).startsWith("HKEY_LOCAL_MACHINE\\")) {
                out.add("HKLM\\" + t.substring("HKEY_LOCAL_MACHINE\\".length()));
            }
        }
        return Optional.of(out);
    }

    private CommandRunner.Outcome run(List<String> command) {
        try {
            return runner.run(command);
        } catch (IOException e) {
            throw new LifeboatException(LifeboatException.Kind.FAILED, "--live: " + command.get(0) + " " + command.get(1)
                    + " " + command.get(2) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LifeboatException(LifeboatException.Kind.FAILED, "interrupted while reading the registry", e);
        }
    }
}
