package io.lifeboat.tls.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostnameMatcherTest {

    @Test
    void dnsNamesMatchCaseInsensitivelyAndWithoutTrailingDot() {
        assertThat(HostnameMatcher.matches("Vault.Example.org.", List.of("DNS:vault.example.org"))).isTrue();
        assertThat(HostnameMatcher.matches("vault.example.org", List.of("DNS:other.example.org"))).isFalse();
    }

    @Test
    void wildcardsCoverExactlyOneLeftMostLabel() {
        List<String> sans = List.of("DNS:*.example.org");
        assertThat(HostnameMatcher.matches("a.example.org", sans)).isTrue();
        assertThat(HostnameMatcher.matches("a.b.example.org", sans)).isFalse();
        assertThat(HostnameMatcher.matches("example.org", sans)).isFalse();
        assertThat(HostnameMatcher.matches("a.com", List.of("DNS:*.com"))).isFalse();
    }

    @Test
    void addressesMatchOnlyIpEntries() {
        assertThat(HostnameMatcher.matches("127.0.0.1", List.of("IP:127.0.0.1"))).isTrue();
        assertThat(HostnameMatcher.matches("127.0.0.1", List.of("DNS:127.0.0.1"))).isFalse();
        assertThat(HostnameMatcher.matches("::1", List.of("IP:0:0:0:0:0:0:0:1"))).isTrue();
        assertThat(HostnameMatcher.matches("", List.of("DNS:"))).isFalse();
    }
}
