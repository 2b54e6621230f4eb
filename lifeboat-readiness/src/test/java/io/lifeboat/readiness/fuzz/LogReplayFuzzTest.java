package io.lifeboat.readiness.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.lifeboat.readiness.hive.Hive;
import io.lifeboat.readiness.hive.LogReplay;
import io.lifeboat.readiness.hive.TransactionLog;
import io.lifeboat.readiness.registry.RegistryDump;
import io.lifeboat.readiness.registry.RegistryFormatException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;

/**
 * Transaction-log replay on hostile logs (and a hostile primary): parse the logs, replay, parse and
 * walk the result, or throw {@link RegistryFormatException}. Replay must never grow a hive beyond
 * the bytes it was given.
 */
@Tag("fuzz")
class LogReplayFuzzTest {
    @FuzzTest(maxDuration = "2m")
    void logReplay(FuzzedDataProvider data) {
        byte[] primary = data.consumeBytes(data.consumeInt(0, 64 * 1024));
        List<TransactionLog> logs = new ArrayList<>();
        int count = data.consumeInt(1, 2);
        try {
            for (int i = 0; i < count; i++) {
                byte[] log = i == count - 1 ? data.consumeRemainingAsBytes() : data.consumeBytes(data.consumeInt(0, 64 * 1024));
                logs.add(TransactionLog.parse("fuzz.LOG" + (i + 1), log));
            }
            LogReplay.Result r = LogReplay.recover("fuzz", primary, logs);
            long given = primary.length;
            for (TransactionLog l : logs) {
                given += 64 * 1024 + 1;
            }
            if (r.image().length > given + primary.length) {
                throw new IllegalStateException("replay grew the hive to " + r.image().length + " bytes");
            }
            RegistryDump.dump(Hive.parse("fuzz", r.image()).root(), "fuzz");
        } catch (RegistryFormatException expected) {
            // the documented outcome for bad bytes
        }
    }
}
