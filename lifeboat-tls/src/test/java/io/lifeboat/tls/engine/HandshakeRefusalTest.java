package io.lifeboat.tls.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HandshakeRefusalTest {

    @Test
    void oldClientLineNamesPeerHighestVersionAndFix() {
        HandshakeRefusal r = new HandshakeRefusal("/10.0.0.7:51428",
                Optional.of(new OfferedVersions(0x0301, 0x0301, List.of(), false)), "UNSUPPORTED_PROTOCOL");
        assertThat(r.oldProtocol()).isTrue();
        assertThat(r.logLine())
                .startsWith("[tls-refused] refused a client that offers only TLSv1:")
                .contains("remote=/10.0.0.7:51428")
                .contains("enable TLS 1.2 on the client")
                .contains("lifeboat readiness")
                .doesNotContain("\n");
    }

    @Test
    void otherFailuresPointAtTheDoctor() {
        HandshakeRefusal r = new HandshakeRefusal("/10.0.0.7:1", Optional.empty(), "NO_SHARED_CIPHER");
        assertThat(r.oldProtocol()).isFalse();
        assertThat(r.logLine()).contains("TLS handshake failed").contains("offered=unknown").contains("lifeboat doctor");
    }
}
