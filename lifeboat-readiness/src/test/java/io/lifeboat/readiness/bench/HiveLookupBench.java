package io.lifeboat.readiness.bench;

import io.lifeboat.readiness.hive.Hive;
import io.lifeboat.readiness.hive.HiveView;
import io.lifeboat.readiness.registry.KeyPath;
import io.lifeboat.readiness.registry.RegKey;
import io.lifeboat.readiness.registry.RegistryView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * For bench/readiness.sh: open a hive file and read the SCHANNEL and .NET keys (every value under
 * SCHANNEL and under Services\.NETFramework and Services\.NET CLR Data), ROUNDS times after a warm-up;
 * prints the median milliseconds per round and the number of values read. Not a test.
 */
public final class HiveLookupBench {
    static final String[] KEYS = {
        "SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL",
        "SYSTEM\\CurrentControlSet\\Services\\.NETFramework",
        "SYSTEM\\CurrentControlSet\\Services\\.NET CLR Data",
    };

    private HiveLookupBench() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        long values = 0;
        for (int i = 0; i < 20; i++) {
            values = round(file);
        }
        long[] ns = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            values = round(file);
            ns[i] = System.nanoTime() - t0;
        }
        Arrays.sort(ns);
        System.out.printf("%.3f %d%n", ns[rounds / 2] / 1e6, values);
    }

    /** One open (read the file, check base block and bins) plus the lookups. */
    static long round(Path file) throws Exception {
        RegistryView view = HiveView.of(Hive.parse(file.toString(), Files.readAllBytes(file)), null);
        long n = 0;
        for (String k : KEYS) {
            n += walk(view.key(KeyPath.hklm(k)).orElseThrow());
        }
        return n;
    }

    static long walk(RegKey k) {
        long n = k.values().size();
        for (String c : k.subkeyNames()) {
            n += walk(k.subkey(c).orElseThrow());
        }
        return n;
    }
}
