package io.lifeboat.scan.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.lifeboat.tls.wire.ClientHello;
import io.lifeboat.tls.wire.ServerFlight;
import io.lifeboat.tls.wire.ServerKeyExchange;
import io.lifeboat.tls.wire.WireFormatException;
import io.lifeboat.tls.wire.WireReader;
import org.junit.jupiter.api.Tag;

/**
 * Jazzer fuzzing of everything that reads peer bytes: the server-flight parser (fed in fuzzer-chosen
 * chunks), the ClientHello parser and the ServerKeyExchange readers. The contract: parse, or throw
 * {@link WireFormatException}; anything else (AIOOBE, NPE, OOM, a hang) is a finding. Runs only in
 * {@code ./mvnw -Pfuzz -pl lifeboat-scan test -Dtest=CodecFuzzTest} (JAZZER_FUZZ=1 there).
 */
@Tag("fuzz")
class CodecFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void codecNeverFailsOtherThanDocumented(FuzzedDataProvider data) {
        int mode = data.consumeInt(0, 3);
        try {
            switch (mode) {
                case 0 -> {
                    ServerFlight f = new ServerFlight();
                    while (data.remainingBytes() > 0) {
                        byte[] chunk = data.consumeBytes(data.consumeInt(1, 512));
                        f.feed(chunk, 0, chunk.length);
                    }
                }
                case 1 -> ClientHello.parseBody(new WireReader(data.consumeRemainingAsBytes()));
                case 2 -> ServerKeyExchange.parseEcdhe(new WireReader(data.consumeRemainingAsBytes()));
                default -> ServerKeyExchange.parseDhe(new WireReader(data.consumeRemainingAsBytes()));
            }
        } catch (WireFormatException documented) {
            // the one allowed failure
        }
    }
}
