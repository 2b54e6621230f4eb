package io.lifeboat.readiness.hive;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.lifeboat.readiness.registry.RegistryDump;
import io.lifeboat.readiness.registry.RegistryFormatException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;

/**
 * Transaction-log replay on hostile input: parse the log, replay it onto the primary, parse and walk
 * the result, or throw {@link RegistryFormatException}; replay never grows a hive beyond the bytes it
 * was given. Input layout: 4 bytes primary length (little-endian), the primary, then one log. The
 * target re-computes the base block checksums and each entry's Marvin32 hashes before parsing, so
 * mutations reach the replay logic instead of stopping at the hash check (which has its own test).
 * Seed: LogReplayFuzzTestInputs/logReplay/ (a dirty hive and a two-entry log, from FuzzSeeds).
 */
@Tag("fuzz")
class LogReplayFuzzTest {
    @FuzzTest(maxDuration = "2m")
    void logReplay(byte[] data) {
        if (data.length < 4) {
            return;
        }
        int n = (int) Math.min(Integer.toUnsignedLong(ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).getInt(0)),
                data.length - 4L);
        byte[] primary = Arrays.copyOfRange(data, 4, 4 + n);
        byte[] log = Arrays.copyOfRange(data, 4 + n, data.length);
        fixChecksum(primary);
        fixChecksum(log);
        fixHashes(log);
        try {
            TransactionLog parsed = TransactionLog.parse("fuzz.LOG1", log);
            LogReplay.Result r = LogReplay.recover("fuzz", primary, List.of(parsed));
            if (r.image().length > primary.length + log.length) {
                throw new IllegalStateException("replay grew the hive to " + r.image().length + " bytes");
            }
            RegistryDump.dump(Hive.parse("fuzz", r.image()).root(), "fuzz");
        } catch (RegistryFormatException expected) {
            // the documented outcome for bad bytes
        }
    }

    static void fixChecksum(byte[] a) {
        if (a.length >= 512) {
            ByteBuffer.wrap(a).order(ByteOrder.LITTLE_ENDIAN).putInt(508, BaseBlock.checksum(a, 0));
        }
    }

    static void fixHashes(byte[] log) {
        ByteBuffer b = ByteBuffer.wrap(log).order(ByteOrder.LITTLE_ENDIAN);
        int at = 512;
        while (at + 40 <= log.length && log[at] == 'H' && log[at + 1] == 'v' && log[at + 2] == 'L' && log[at + 3] == 'E') {
            long size = Integer.toUnsignedLong(b.getInt(at + 4));
            if (size < 40 || size % 512 != 0 || at + size > log.length) {
                return;
            }
            b.putLong(at + 24, Marvin32.hash(log, at + 40, (int) size - 40, Marvin32.REGISTRY_SEED));
            b.putLong(at + 32, Marvin32.hash(log, at, 32, Marvin32.REGISTRY_SEED));
            at += (int) size;
        }
    }
}
