package io.lifeboat.readiness.hive;

import io.lifeboat.readiness.registry.KeyPath;
import io.lifeboat.readiness.registry.Names;
import io.lifeboat.readiness.registry.RegKey;
import io.lifeboat.readiness.registry.RegValue;
import io.lifeboat.readiness.registry.RegistryView;
import io.lifeboat.readiness.registry.RenamedKey;
import io.lifeboat.readiness.registry.StaticKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SYSTEM and SOFTWARE hive files mounted where Windows mounts them: {@code HKEY_LOCAL_MACHINE\SYSTEM}
 * and {@code HKEY_LOCAL_MACHINE\SOFTWARE}. In SYSTEM, {@code CurrentControlSet} (a symbolic link
 * that exists only in a running registry) is resolved through {@code Select\Current}: value n names
 * {@code ControlSet00n}. Either hive may be absent.
 */
public final class HiveView implements RegistryView {
    private final RegKey root;
    private final String description;

    private HiveView(RegKey root, String description) {
        this.root = root;
        this.description = description;
    }

    /** Which hive a file is, from its root key's subkeys: SYSTEM has Select, SOFTWARE has Microsoft. */
    public enum Kind { SYSTEM, SOFTWARE }

    public static Kind kindOf(Hive hive) {
        RegKey r = hive.root();
        if (r.subkey("Select").isPresent()) {
            return Kind.SYSTEM;
        }
        if (r.subkey("Microsoft").isPresent()) {
            return Kind.SOFTWARE;
        }
        throw new HiveFormatException(hive.source(), 0x1000 + 0,
                "neither a SYSTEM hive (no Select key) nor a SOFTWARE hive (no Microsoft key)");
    }

    public static HiveView of(Hive system, Hive software) {
        List<RegKey> mounted = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        if (system != null) {
            mounted.add(new SystemRoot(system.root()));
            parts.add("SYSTEM hive " + system.source());
        }
        if (software != null) {
            mounted.add(new RenamedKey("SOFTWARE", software.root()));
            parts.add("SOFTWARE hive " + software.source());
        }
        RegKey hklm = new StaticKey(KeyPath.HKLM, mounted);
        return new HiveView(new StaticKey("", List.of(hklm)), String.join(" + ", parts));
    }

    @Override
    public RegKey root() {
        return root;
    }

    @Override
    public String describe() {
        return description;
    }

    /** The SYSTEM hive root, with CurrentControlSet added. */
    private record SystemRoot(RegKey hive) implements RegKey {
        private static final String CCS = "CurrentControlSet";

        @Override
        public String name() {
            return "SYSTEM";
        }

        private Optional<RegKey> current() {
            Optional<Integer> n = hive.subkey("Select").flatMap(s -> s.value("Current")).flatMap(RegValue::asDword);
            return n.flatMap(i -> hive.subkey(String.format("ControlSet%03d", i)))
                    .map(k -> new RenamedKey(CCS, k));
        }

        @Override
        public List<String> subkeyNames() {
            List<String> names = new ArrayList<>(hive.subkeyNames());
            if (current().isPresent() && names.stream().noneMatch(x -> Names.same(x, CCS))) {
                names.add(CCS);
            }
            return names;
        }

        @Override
        public Optional<RegKey> subkey(String name) {
            if (Names.same(name, CCS)) {
                Optional<RegKey> stored = hive.subkey(name);
                return stored.isPresent() ? stored : current();
            }
            return hive.subkey(name);
        }

        @Override
        public List<RegValue> values() {
            return hive.values();
        }
    }
}
