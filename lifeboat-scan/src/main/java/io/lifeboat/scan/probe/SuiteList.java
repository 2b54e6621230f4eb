package io.lifeboat.scan.probe;

import io.lifeboat.tls.ProtocolVersion;
import java.util.List;

/** The suites accepted at one version, in the server's order when {@code order} is SERVER. */
public record SuiteList(ProtocolVersion version, List<Integer> suites, SuiteOrder order) {
    public SuiteList {
        suites = List.copyOf(suites);
    }
}
