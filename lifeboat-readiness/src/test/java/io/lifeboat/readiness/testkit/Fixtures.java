package io.lifeboat.readiness.testkit;

import io.lifeboat.readiness.hive.Hive;
import io.lifeboat.readiness.hive.HiveView;
import io.lifeboat.readiness.reg.RegFile;
import io.lifeboat.readiness.reg.RegFileReader;
import io.lifeboat.readiness.registry.KeyPath;
import io.lifeboat.readiness.registry.MutableRegistry;
import io.lifeboat.readiness.registry.Names;
import io.lifeboat.readiness.registry.RegKey;
import io.lifeboat.readiness.registry.RegValue;
import io.lifeboat.readiness.registry.RegistryView;
import io.lifeboat.readiness.registry.StaticKey;
import io.lifeboat.readiness.report.Readiness;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The project's own fixtures (src/test/resources/fixtures): .reg files read and merged, and the same
 * content written as SYSTEM and SOFTWARE hives (CurrentControlSet stored as ControlSet001 with
 * Select\Current = 1, as Windows stores it) so every rule is checked on both sources.
 */
public final class Fixtures {
    private Fixtures() {
    }

    public static byte[] bytes(String resource) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RegFile reg(String resource) {
        return RegFileReader.read(bytes(resource), resource);
    }

    /** The named .reg fixtures merged in order. */
    public static MutableRegistry merged(List<String> resources) {
        List<RegFile> files = new ArrayList<>();
        resources.forEach(r -> files.add(reg(r)));
        return Readiness.merge(files, new ArrayList<>());
    }

    /** SYSTEM hive image of a view's HKLM\SYSTEM (CurrentControlSet stored as ControlSet001). */
    public static byte[] systemHive(RegistryView view) {
        RegKey system = view.key(KeyPath.hklm("SYSTEM")).orElse(new StaticKey("SYSTEM", List.of()));
        return HiveWriter.write(new StoredSystem(system), "SYSTEM");
    }

    public static Optional<byte[]> softwareHive(RegistryView view) {
        return view.key(KeyPath.hklm("SOFTWARE")).map(k -> HiveWriter.write(k, "SOFTWARE"));
    }

    /** The same content as a view over hive files written by {@link HiveWriter}. */
    public static HiveView asHives(RegistryView view) {
        Hive system = view.key(KeyPath.hklm("SYSTEM")).isPresent() ? Hive.parse("SYSTEM", systemHive(view)) : null;
        Hive software = softwareHive(view).map(b -> Hive.parse("SOFTWARE", b)).orElse(null);
        return HiveView.of(system, software);
    }

    /** A SYSTEM key as a hive stores it: ControlSet001 instead of CurrentControlSet, plus Select. */
    private record StoredSystem(RegKey live) implements RegKey {
        @Override
        public String name() {
            return "SYSTEM";
        }

        @Override
        public List<String> subkeyNames() {
            List<String> out = new ArrayList<>();
            for (String n : live.subkeyNames()) {
                out.add(Names.same(n, "CurrentControlSet") ? "ControlSet001" : n);
            }
            if (live.subkey("Select").isEmpty()) {
                out.add("Select");
            }
            return out;
        }

        @Override
        public Optional<RegKey> subkey(String name) {
            if (Names.same(name, "ControlSet001")) {
                return live.subkey("CurrentControlSet");
            }
            if (Names.same(name, "Select") && live.subkey("Select").isEmpty()) {
                return Optional.of(new ValuesKey("Select", List.of(RegValue.dword("Current", 1),
                        RegValue.dword("Default", 1), RegValue.dword("Failed", 0), RegValue.dword("LastKnownGood", 1))));
            }
            return live.subkey(name);
        }

        @Override
        public List<RegValue> values() {
            return live.values();
        }
    }

    /** A leaf key with values. */
    public record ValuesKey(String name, List<RegValue> values) implements RegKey {
        @Override
        public List<String> subkeyNames() {
            return List.of();
        }

        @Override
        public Optional<RegKey> subkey(String n) {
            return Optional.empty();
        }
    }
}
