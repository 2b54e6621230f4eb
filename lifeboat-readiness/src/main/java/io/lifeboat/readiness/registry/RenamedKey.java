package io.lifeboat.readiness.registry;

import java.util.List;
import java.util.Optional;

/** A key shown under another name: a hive root mounted as SYSTEM, ControlSet001 as CurrentControlSet. */
public record RenamedKey(String name, RegKey target) implements RegKey {
    @Override
    public List<String> subkeyNames() {
        return target.subkeyNames();
    }

    @Override
    public Optional<RegKey> subkey(String child) {
        return target.subkey(child);
    }

    @Override
    public List<RegValue> values() {
        return target.values();
    }

    @Override
    public Optional<RegValue> value(String valueName) {
        return target.value(valueName);
    }
}
