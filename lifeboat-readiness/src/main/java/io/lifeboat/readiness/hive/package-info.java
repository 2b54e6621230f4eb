/**
 * Our own read-only REGF parser, with transaction-log replay.
 *
 * <p>Algorithm: {@link io.lifeboat.readiness.hive.Hive#parse} checks the base block and walks the
 * chain of "hbin" headers once (so a truncated or zeroed hive fails at the first bad bin, with its
 * offset); keys ("nk") are decoded lazily from the root cell as callers walk, through lf/lh/li lists
 * and one level of ri; values ("vk") are resident, in one cell, or in "db" big-data segments.
 * Compressed (Latin-1) and UTF-16LE names; lookups fold case per UTF-16 unit as Windows does.
 * {@link io.lifeboat.readiness.hive.LogReplay} repairs a dirty image in memory from .LOG1/.LOG2
 * (new-format "HvLE" entries checked with Marvin32, or an old-format "DIRT" vector) before parsing;
 * {@link io.lifeboat.readiness.hive.HiveView} mounts SYSTEM and SOFTWARE under HKEY_LOCAL_MACHINE and
 * resolves CurrentControlSet through Select\Current.
 *
 * <p>Guarantees: every read is bounds-checked ({@code HiveBytes}); bad bytes give a
 * {@link io.lifeboat.readiness.hive.HiveFormatException} with the file offset and nothing else; no
 * allocation exceeds the size of the input files; the input arrays are never modified; nothing is
 * written to disk.
 *
 * <p>Not given: security descriptors (sk), class names, volatile keys, symbolic links other than
 * CurrentControlSet, Transactional Registry (CLFS) logs, and healing of damaged cells beyond what the
 * logs restore.
 */
package io.lifeboat.readiness.hive;
