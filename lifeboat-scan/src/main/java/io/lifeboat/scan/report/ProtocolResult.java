package io.lifeboat.scan.report;

import io.lifeboat.scan.probe.SuiteOrder;
import io.lifeboat.tls.ProtocolVersion;
import java.util.List;

/**
 * One version's result.
 *
 * @param accepted     the server completed a hello at this version
 * @param known        false when the version probe failed (timeout, garbage...) so "not accepted" is a guess
 * @param cipherSuites IANA names (SSL_CK_ names for SSL 2.0), in the server's order when order is SERVER
 */
public record ProtocolResult(ProtocolVersion version, boolean accepted, boolean known, List<String> cipherSuites,
        SuiteOrder order) {
    public ProtocolResult {
        cipherSuites = List.copyOf(cipherSuites);
    }
}
