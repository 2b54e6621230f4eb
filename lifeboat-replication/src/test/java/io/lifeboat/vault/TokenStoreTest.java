package io.lifeboat.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.vault.store.TokenRefusedException;
import io.lifeboat.vault.store.TokenStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenStoreTest {
    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock();

    @Test
    void redeemsOnceAndStoresOnlyTheSecretsHash() throws Exception {
        TokenStore store = new TokenStore(dir, clock);
        TokenStore.Issued t = store.create("web01", Duration.ofHours(1));
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f)).doesNotContain(t.secret());
            }
        }
        assertThat(store.redeem(t.record().id(), t.secret(), "web01").machine()).isEqualTo("web01");
        assertThatThrownBy(() -> store.redeem(t.record().id(), t.secret(), "web01"))
                .isInstanceOf(TokenRefusedException.class).hasMessageContaining("already used")
                .extracting(e -> ((TokenRefusedException) e).code()).isEqualTo("token_used");
    }

    @Test
    void refusesExpiredWrongMachineWrongSecretAndUnknownWithoutBurningTheToken() throws Exception {
        TokenStore store = new TokenStore(dir, clock);
        TokenStore.Issued t = store.create("web01", Duration.ofMinutes(10));
        String id = t.record().id();
        assertThatThrownBy(() -> store.redeem(id, t.secret(), "db02"))
                .hasMessageContaining("made for machine 'web01', not 'db02'")
                .extracting(e -> ((TokenRefusedException) e).code()).isEqualTo("token_wrong_machine");
        assertThatThrownBy(() -> store.redeem(id, t.secret() + "x", "web01"))
                .extracting(e -> ((TokenRefusedException) e).code()).isEqualTo("token_secret");
        assertThatThrownBy(() -> store.redeem("0123456789abcdef01234567", t.secret(), "web01"))
                .extracting(e -> ((TokenRefusedException) e).code()).isEqualTo("token_unknown");
        assertThatThrownBy(() -> store.redeem("../../etc/passwd", t.secret(), "web01"))
                .extracting(e -> ((TokenRefusedException) e).code()).isEqualTo("token_unknown");
        clock.advance(Duration.ofMinutes(11));
        assertThatThrownBy(() -> store.redeem(id, t.secret(), "web01"))
                .hasMessageContaining("expired")
                .extracting(e -> ((TokenRefusedException) e).code()).isEqualTo("token_expired");
    }
}
