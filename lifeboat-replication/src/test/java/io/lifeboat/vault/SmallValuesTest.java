package io.lifeboat.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.tls.LifeboatException;
import org.junit.jupiter.api.Test;

class SmallValuesTest {

    @Test
    void hostPortParsesNamesIpv4AndBracketedIpv6() {
        assertThat(HostPort.parse("127.0.0.1:7443")).isEqualTo(new HostPort("127.0.0.1", 7443));
        assertThat(HostPort.parse("vault.example:0").port()).isZero();
        assertThat(HostPort.parse("[::1]:7443")).isEqualTo(new HostPort("::1", 7443));
        assertThat(new HostPort("::1", 7443).toString()).isEqualTo("[::1]:7443");
        for (String bad : new String[] {"", "7443", "host:", "host:x", "host:70000", ":7443"}) {
            assertThatThrownBy(() -> HostPort.parse(bad)).as(bad).isInstanceOf(LifeboatException.class);
        }
    }

    @Test
    void machineNamesAreSafeFileNamesAndCommonNames() {
        assertThat(MachineName.valid("web01")).isTrue();
        assertThat(MachineName.valid("db-2.prod_eu")).isTrue();
        for (String bad : new String[] {"", "-x", "../x", "a/b", "a b", "x".repeat(64), "a..b", ".hidden"}) {
            assertThat(MachineName.valid(bad)).as(bad).isFalse();
        }
        assertThatThrownBy(() -> MachineName.require("a/b")).hasMessageContaining("machine name 'a/b' is not valid");
    }
}
