package io.lifeboat.readiness.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.lifeboat.readiness.hive.Hive;
import io.lifeboat.readiness.registry.RegistryDump;
import io.lifeboat.readiness.registry.RegistryFormatException;
import org.junit.jupiter.api.Tag;

/**
 * The hive parser on hostile bytes: parse and walk every key and value, or throw the documented
 * {@link RegistryFormatException}; anything else (an index exception, an OutOfMemoryError from a
 * length field, a stack overflow from a loop) is a finding. Seeds: HiveFuzzTestInputs/.
 */
@Tag("fuzz")
class HiveFuzzTest {
    @FuzzTest(maxDuration = "2m")
    void hiveParser(byte[] data) {
        try {
            Hive hive = Hive.parse("fuzz", data);
            RegistryDump.dump(hive.root(), "fuzz");
        } catch (RegistryFormatException expected) {
            // the documented outcome for bad bytes
        }
    }
}
