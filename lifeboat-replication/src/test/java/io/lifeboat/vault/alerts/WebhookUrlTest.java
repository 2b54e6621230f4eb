package io.lifeboat.vault.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.tls.LifeboatException;
import org.junit.jupiter.api.Test;

class WebhookUrlTest {
    @Test
    void httpsAnywhereAndPlainHttpOnlyToLoopback() {
        assertThat(WebhookUrl.parse("https://alerts.example.com/hook").toString()).isEqualTo("https://alerts.example.com/hook");
        assertThat(WebhookUrl.parse("http://127.0.0.1:9000/x")).isNotNull();
        assertThat(WebhookUrl.parse("http://[::1]:9000/x")).isNotNull();
        assertThat(WebhookUrl.parse("http://localhost/x")).isNotNull();
        assertThatThrownBy(() -> WebhookUrl.parse("http://alerts.example.com/hook"))
                .isInstanceOf(LifeboatException.class).hasMessageContaining("only to a loopback address");
        assertThatThrownBy(() -> WebhookUrl.parse("http://127.0.0.1.evil.example/x")).isInstanceOf(LifeboatException.class);
        assertThatThrownBy(() -> WebhookUrl.parse("ftp://127.0.0.1/x")).isInstanceOf(LifeboatException.class);
        assertThatThrownBy(() -> WebhookUrl.parse("https://user:pw@example.com/x")).isInstanceOf(LifeboatException.class);
    }
}
