/**
 * The registry model every source feeds and every rule reads.
 *
 * <p>{@link io.lifeboat.readiness.registry.RegistryView} is the one seam: a nameless machine root
 * whose subkeys are root keys, so {@code HKEY_LOCAL_MACHINE\SOFTWARE\...} names the same key whether
 * it came from a {@code .reg} export, a SOFTWARE hive file or the live machine. Values are raw
 * (type id + bytes, {@link io.lifeboat.readiness.registry.RegValue}) with typed readers that read
 * them as Windows APIs do. Names compare case-insensitively with a per-UTF-16-unit upper-case fold
 * ({@link io.lifeboat.readiness.registry.Names}).
 *
 * <p>Merging: {@link io.lifeboat.readiness.registry.RegistryEdit} is the closed set of things a
 * {@code .reg} import does; {@link io.lifeboat.readiness.registry.MutableRegistry} replays edits in
 * order, on an empty registry or copy-on-write over another view (a hive, to check a remediation).
 *
 * <p>Not given: security descriptors, class names, timestamps, volatile keys and symbolic links other
 * than {@code CurrentControlSet} are not modelled; nothing here writes to a hive or to the machine.
 */
package io.lifeboat.readiness.registry;
