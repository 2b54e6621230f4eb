package io.lifeboat.readiness.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A key with fixed children and no values: the machine root and root keys of composed views. */
public record StaticKey(String name, List<RegKey> children) implements RegKey {
    public StaticKey {
        children = List.copyOf(children);
    }

    @Override
    public List<String> subkeyNames() {
        List<String> names = new ArrayList<>();
        children.forEach(c -> names.add(c.name()));
        return names;
    }

    @Override
    public Optional<RegKey> subkey(String name) {
        return children.stream().filter(c -> Names.same(c.name(), name)).findFirst();
    }

    @Override
    public List<RegValue> values() {
        return List.of();
    }
}
