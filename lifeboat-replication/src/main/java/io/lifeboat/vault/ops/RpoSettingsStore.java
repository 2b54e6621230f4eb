package io.lifeboat.vault.ops;

import io.lifeboat.tls.LifeboatException;
import io.lifeboat.vault.store.JsonFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code V/ops/rpo.json}: thresholds in whole seconds,
 * {@code {"warningSeconds":900,"criticalSeconds":1800,"machines":{"web-1":{"warningSeconds":..,"criticalSeconds":..}}}}.
 * Written atomically; read on every evaluation (a missing file means the defaults).
 */
public final class RpoSettingsStore {
    /** The file's form. */
    record Seconds(long warningSeconds, long criticalSeconds) {
        RpoThresholds thresholds() {
            return new RpoThresholds(Duration.ofSeconds(warningSeconds), Duration.ofSeconds(criticalSeconds));
        }

        static Seconds of(RpoThresholds t) {
            return new Seconds(t.warning().toSeconds(), t.critical().toSeconds());
        }
    }

    record FileForm(long warningSeconds, long criticalSeconds, Map<String, Seconds> machines) {
    }

    private final Path file;

    public RpoSettingsStore(Path vaultDir) {
        this.file = vaultDir.resolve("ops").resolve("rpo.json");
    }

    public RpoSettings read() {
        if (!Files.isRegularFile(file)) {
            return RpoSettings.DEFAULT;
        }
        FileForm f = JsonFiles.read(file, FileForm.class);
        Map<String, RpoThresholds> m = new TreeMap<>();
        if (f.machines() != null) {
            f.machines().forEach((k, v) -> m.put(k, v.thresholds()));
        }
        return new RpoSettings(new Seconds(f.warningSeconds(), f.criticalSeconds()).thresholds(), m);
    }

    /** Sets the thresholds of {@code machine} (vault-wide when null) and stores the result. */
    public synchronized RpoSettings set(String machine, RpoThresholds t) {
        if (t.warning().toSeconds() < 1) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "RPO thresholds are whole seconds, at least 1s");
        }
        RpoSettings next = read().with(machine, t);
        Map<String, Seconds> m = new TreeMap<>();
        next.machines().forEach((k, v) -> m.put(k, Seconds.of(v)));
        Seconds all = Seconds.of(next.vaultWide());
        try {
            JsonFiles.write(file, new FileForm(all.warningSeconds(), all.criticalSeconds(), m), false);
        } catch (IOException e) {
            throw new LifeboatException(LifeboatException.Kind.FAILED, "cannot write " + file + ": " + e.getMessage(), e);
        }
        return next;
    }
}
