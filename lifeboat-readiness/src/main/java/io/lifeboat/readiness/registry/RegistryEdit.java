package io.lifeboat.readiness.registry;

/**
 * One change a {@code .reg} file makes when imported: the closed family of things regedit does.
 * The reader produces them, {@link MutableRegistry#apply} replays them, the remediation writer
 * writes them.
 */
public sealed interface RegistryEdit {
    KeyPath key();

    /** {@code [KEY]}: creates the key and its missing parents. */
    record CreateKey(KeyPath key) implements RegistryEdit {
    }

    /** {@code [-KEY]}: deletes the key and everything under it (nothing when absent). */
    record DeleteKey(KeyPath key) implements RegistryEdit {
    }

    /** {@code "name"=data}: creates the key when missing, then sets the value. */
    record SetValue(KeyPath key, RegValue value) implements RegistryEdit {
    }

    /** {@code "name"=-}: deletes the value (nothing when absent). */
    record DeleteValue(KeyPath key, String name) implements RegistryEdit {
    }
}
