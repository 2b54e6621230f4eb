package io.lifeboat.readiness.registry;

import java.util.List;
import java.util.Optional;

/**
 * One key of a {@link RegistryView}. Lookups by name are case-insensitive ({@link Names}); lists keep
 * the order of the source (hive order or file order). Implementations are read-only views; a key
 * read from a file stays valid as long as its view.
 */
public interface RegKey {
    /** The key's own name as stored (its case preserved). */
    String name();

    List<String> subkeyNames();

    Optional<RegKey> subkey(String name);

    List<RegValue> values();

    /** The value called {@code name}; "" is the default value ({@code @} in a .reg file). */
    default Optional<RegValue> value(String name) {
        for (RegValue v : values()) {
            if (Names.same(v.name(), name)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
