package io.lifeboat.readiness.hive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.readiness.registry.KeyPath;
import io.lifeboat.readiness.registry.RegistryDump;
import io.lifeboat.readiness.testkit.SharedFixtures;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Acceptance 2: every real hive in shared/fixtures/registry/regipy parses, or fails clearly. */
class RealHivesTest {

    @ParameterizedTest
    @CsvSource({
        // name, dirty on disk, keys and values (keys as `reglookup -t KEY` counts them), Select\Current
        "SYSTEM, false, 30756, 73456, 1",
        "SYSTEM_2, true, 20015, 49779, 1",
        "SYSTEM_B, true, 33123, 74957, 1",
        "SYSTEM_WIN_10_1709, true, 43211, 90307, 1",
    })
    void everyRealHiveParsesCompletely(String name, boolean dirty, long keys, long values, int current) {
        Hive hive = Hive.parse(name, SharedFixtures.regipy(name));
        assertThat(hive.dirty()).isEqualTo(dirty);
        long[] counts = RegistryDump.count(hive.root());
        assertThat(counts[0]).isEqualTo(keys);
        assertThat(counts[1]).isEqualTo(values);
        HiveView view = HiveView.of(hive, null);
        assertThat(view.value(KeyPath.hklm("SYSTEM\\Select"), "Current").flatMap(v -> v.asDword())).contains(current);
        assertThat(view.key(KeyPath.hklm("system\\currentcontrolset\\control\\securityproviders\\schannel"))).isPresent();
        assertThat(HiveView.kindOf(hive)).isEqualTo(HiveView.Kind.SYSTEM);
    }

    @Test
    void theCorruptHiveFailsWithTheOffsetOfTheFirstZeroedBin() {
        byte[] image = SharedFixtures.regipy("corrupted_system_hive");
        assertThatThrownBy(() -> Hive.parse("corrupted_system_hive", image))
                .isInstanceOf(HiveFormatException.class)
                .hasMessage("corrupted_system_hive: corrupt registry hive at offset 0x1a000 (106496): expected a hive bin"
                        + " (\"hbin\") but found \"....\": bins are overwritten or zeroed from here on")
                .satisfies(e -> assertThat(((HiveFormatException) e).offset()).isEqualTo(0x1a000));
    }

    @Test
    void theDirtyWindows10HiveIsReplayedFromBothLogsAsYarpDoes() throws Exception {
        byte[] primary = SharedFixtures.regipy("SYSTEM_B");
        TransactionLog log1 = TransactionLog.parse("SYSTEM_B.LOG1", SharedFixtures.regipy("SYSTEM_B.LOG1"));
        TransactionLog log2 = TransactionLog.parse("SYSTEM_B.LOG2", SharedFixtures.regipy("SYSTEM_B.LOG2"));
        assertThat(log1.newFormat()).isTrue();
        assertThat(log1.entryCount()).isEqualTo(4);
        assertThat(log2.entryCount()).isEqualTo(20);

        LogReplay.Result r = LogReplay.recover("SYSTEM_B", primary, List.of(log1, log2));
        assertThat(r.recovery()).isEqualTo(new Recovery(true, "new", 24, 2107, 2130,
                List.of("SYSTEM_B.LOG1", "SYSTEM_B.LOG2"), ""));
        Hive recovered = Hive.parse("SYSTEM_B", r.image());
        assertThat(recovered.dirty()).isFalse();
        assertThat(recovered.primarySequence()).isEqualTo(2130);
        // SHA-256 of the image yarp (by the author of the REGF specification) recovers from the same files
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(r.image()));
        assertThat(sha).isEqualTo("734095bf043ea72300feb8bc380a585d8a9c925cdd5ffc190ca5ff6bc5a7c231");
        assertThat(RegistryDump.count(recovered.root())[0]).isGreaterThan(30000);
        // the input arrays are untouched
        assertThat(Hive.parse("SYSTEM_B", primary).dirty()).isTrue();
    }
}
