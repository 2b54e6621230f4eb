package io.lifeboat.readiness.registry;

import java.util.Optional;

/**
 * A read-only registry as the rules see it, whatever its source: {@code .reg} files, offline hive
 * files or the live registry. Contract every implementation keeps:
 *
 * <ul>
 *   <li>{@link #root()} is a nameless machine root whose subkeys are the root keys
 *       ({@code HKEY_LOCAL_MACHINE}, ...); hives appear as {@code HKEY_LOCAL_MACHINE\SYSTEM} and
 *       {@code HKEY_LOCAL_MACHINE\SOFTWARE}, so a path reads the same in every source.</li>
 *   <li>{@code HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet} is present whenever the source can say
 *       which control set is current (for hives: {@code SYSTEM\Select\Current}).</li>
 *   <li>Names compare case-insensitively the way Windows does; absence is {@link Optional#empty()},
 *       never an exception. Damage found while walking is a {@link RegistryFormatException}.</li>
 * </ul>
 */
public interface RegistryView {
    RegKey root();

    /** Where this view comes from, for reports ("hive SYSTEM + SOFTWARE", "2 .reg files"). */
    String describe();

    default Optional<RegKey> key(KeyPath path) {
        Optional<RegKey> k = Optional.of(root());
        for (String part : path.parts()) {
            k = k.flatMap(x -> x.subkey(part));
            if (k.isEmpty()) {
                return k;
            }
        }
        return k;
    }

    default Optional<RegKey> key(String path) {
        return key(KeyPath.parse(path));
    }

    default Optional<RegValue> value(KeyPath path, String name) {
        return key(path).flatMap(k -> k.value(name));
    }
}
