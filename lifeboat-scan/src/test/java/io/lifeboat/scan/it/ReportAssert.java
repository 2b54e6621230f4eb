package io.lifeboat.scan.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.scan.probe.SuiteOrder;
import io.lifeboat.scan.probe.Verdict;
import io.lifeboat.scan.report.ProtocolResult;
import io.lifeboat.scan.report.TargetReport;
import io.lifeboat.tls.ProtocolVersion;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Exact assertions on a scan report, with the report's attempts in every failure message. */
final class ReportAssert {
    private final TargetReport r;

    private ReportAssert(TargetReport r) {
        this.r = r;
    }

    static ReportAssert that(TargetReport r) {
        return new ReportAssert(r);
    }

    private String context() {
        return r.target() + " attempts=" + r.attempts() + " protocols=" + r.protocols();
    }

    ReportAssert acceptsExactly(ProtocolVersion... versions) {
        Set<ProtocolVersion> want = versions.length == 0 ? EnumSet.noneOf(ProtocolVersion.class) : EnumSet.of(versions[0], versions);
        Set<ProtocolVersion> got = EnumSet.noneOf(ProtocolVersion.class);
        r.protocols().stream().filter(ProtocolResult::accepted).forEach(p -> got.add(p.version()));
        assertThat(got).as(context()).isEqualTo(want);
        assertThat(r.protocols()).as(context()).allMatch(ProtocolResult::known);
        return this;
    }

    /** Exactly these suites at {@code v}, in any order. */
    ReportAssert suites(ProtocolVersion v, List<String> expected) {
        assertThat(r.protocol(v).orElseThrow().cipherSuites()).as(v + " suites of " + context())
                .containsExactlyInAnyOrderElementsOf(expected);
        return this;
    }

    /** Exactly these suites at {@code v}, in this server order. */
    ReportAssert suitesInServerOrder(ProtocolVersion v, List<String> expected) {
        ProtocolResult p = r.protocol(v).orElseThrow();
        assertThat(p.cipherSuites()).as(v + " suites of " + context()).containsExactlyElementsOf(expected);
        if (expected.size() > 1) {
            assertThat(p.order()).as(v + " order of " + context()).isEqualTo(SuiteOrder.SERVER);
        }
        return this;
    }

    ReportAssert order(ProtocolVersion v, SuiteOrder order) {
        assertThat(r.protocol(v).orElseThrow().order()).as(v + " order of " + context()).isEqualTo(order);
        return this;
    }

    ReportAssert fallbackScsv(Verdict v) {
        assertThat(r.fallbackScsv()).as("fallbackScsv of " + context()).isEqualTo(v);
        return this;
    }

    ReportAssert downgradeSentinel(Verdict v) {
        assertThat(r.downgradeSentinel()).as("downgradeSentinel of " + context()).isEqualTo(v);
        return this;
    }

    ReportAssert renegotiation(Verdict v) {
        assertThat(r.secureRenegotiation()).as("secureRenegotiation of " + context()).isEqualTo(v);
        return this;
    }

    /** trusted, expired, selfSigned, hostnameMatches. */
    ReportAssert certificate(boolean trusted, boolean expired, boolean selfSigned, boolean hostnameMatches) {
        var c = r.certificate();
        assertThat(c).as("certificate of " + context()).isPresent();
        assertThat(List.of(c.get().trusted(), c.get().expired(), c.get().selfSigned(), c.get().hostnameMatches()))
                .as("[trusted, expired, selfSigned, hostnameMatches] of " + c.get())
                .containsExactly(trusted, expired, selfSigned, hostnameMatches);
        return this;
    }

    ReportAssert certificateKey(String type, int bits) {
        assertThat(r.certificate().orElseThrow().keyType()).isEqualTo(type);
        assertThat(r.certificate().orElseThrow().keyBits()).isEqualTo(bits);
        return this;
    }

    /** Exactly these groups (registry names, any order). */
    ReportAssert groups(List<String> expected) {
        assertThat(r.groups()).as("groups of " + context())
                .containsExactlyInAnyOrderElementsOf(expected.stream().map(n -> io.lifeboat.tls.NamedGroup
                        .fromStandardName(n).map(io.lifeboat.tls.NamedGroup::standardName).orElse(n)).toList());
        return this;
    }

    ReportAssert compliant(boolean compliant) {
        assertThat(r.compliant()).as("compliant; findings " + r.findings()).isEqualTo(compliant);
        return this;
    }

    ReportAssert hasFinding(String id) {
        assertThat(r.findings()).as("findings").anyMatch(f -> f.id().equals(id));
        return this;
    }
}
