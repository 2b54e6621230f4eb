package io.lifeboat.readiness.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A registry that {@link RegistryEdit}s can be applied to, optionally on top of another view.
 *
 * <p>This is how {@code .reg} files merge: start empty (or from a hive view) and apply each file's
 * edits in order, exactly as importing the files one after another would. The base view is never
 * changed: a key is copied from the base the first time it is touched (copy-on-write), so applying a
 * remediation to a 10 MB hive copies only the few keys the remediation writes.
 *
 * <p>Not thread-safe; not a live registry. A key copied from the base under one name (say
 * {@code CurrentControlSet}) is not linked to the same key under its other name ({@code ControlSet001}).
 */
public final class MutableRegistry implements RegistryView {
    private final Node root;
    private final String description;

    public MutableRegistry(String description) {
        this.root = new Node("", null);
        this.root.materialized = true;
        this.description = description;
    }

    /** A writable layer over {@code base}; {@code base} itself is never modified. */
    public MutableRegistry(RegistryView base, String description) {
        this.root = new Node("", base.root());
        this.description = description;
    }

    @Override
    public RegKey root() {
        return root;
    }

    @Override
    public String describe() {
        return description;
    }

    public void applyAll(List<RegistryEdit> edits) {
        edits.forEach(this::apply);
    }

    public void apply(RegistryEdit edit) {
        if (edit instanceof RegistryEdit.CreateKey c) {
            create(c.key());
        } else if (edit instanceof RegistryEdit.SetValue s) {
            create(s.key()).putValue(s.value());
        } else if (edit instanceof RegistryEdit.DeleteValue d) {
            find(d.key()).ifPresent(n -> n.removeValue(d.name()));
        } else if (edit instanceof RegistryEdit.DeleteKey d && d.key().depth() > 1) {
            find(d.key().parent()).ifPresent(p -> p.removeChild(d.key().name()));
        }
    }

    private Node create(KeyPath path) {
        Node n = root;
        for (String part : path.parts()) {
            n = n.childOrCreate(part);
        }
        return n;
    }

    private Optional<Node> find(KeyPath path) {
        Node n = root;
        for (String part : path.parts()) {
            n = n.child(part);
            if (n == null) {
                return Optional.empty();
            }
        }
        return Optional.of(n);
    }

    /** A key: children and values copied lazily from {@code base} on first access. */
    private static final class Node implements RegKey {
        private final String name;
        private final RegKey base;
        private boolean materialized;
        private final Map<String, Node> children = new LinkedHashMap<>();
        private final Map<String, RegValue> values = new LinkedHashMap<>();

        Node(String name, RegKey base) {
            this.name = name;
            this.base = base;
        }

        private void materialize() {
            if (materialized) {
                return;
            }
            materialized = true;
            if (base == null) {
                return;
            }
            for (String childName : base.subkeyNames()) {
                base.subkey(childName).ifPresent(k -> children.put(Names.fold(childName), new Node(childName, k)));
            }
            for (RegValue v : base.values()) {
                values.putIfAbsent(Names.fold(v.name()), v);
            }
        }

        Node child(String childName) {
            materialize();
            return children.get(Names.fold(childName));
        }

        Node childOrCreate(String childName) {
            materialize();
            return children.computeIfAbsent(Names.fold(childName), k -> {
                Node n = new Node(childName, null);
                n.materialized = true;
                return n;
            });
        }

        void removeChild(String childName) {
            materialize();
            children.remove(Names.fold(childName));
        }

        void putValue(RegValue v) {
            materialize();
            String key = Names.fold(v.name());
            RegValue old = values.get(key);
            // regedit keeps the stored name's case when it overwrites a value
            values.put(key, old == null ? v : new RegValue(old.name(), v.type(), v.data()));
        }

        void removeValue(String valueName) {
            materialize();
            values.remove(Names.fold(valueName));
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<String> subkeyNames() {
            materialize();
            List<String> names = new ArrayList<>();
            children.values().forEach(c -> names.add(c.name));
            return names;
        }

        @Override
        public Optional<RegKey> subkey(String childName) {
            return Optional.ofNullable(child(childName));
        }

        @Override
        public List<RegValue> values() {
            materialize();
            return List.copyOf(values.values());
        }

        @Override
        public Optional<RegValue> value(String valueName) {
            materialize();
            return Optional.ofNullable(values.get(Names.fold(valueName)));
        }
    }
}
