package io.lifeboat.scan.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.tls.LifeboatException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TargetTest {

    @Test
    void formsOfTargets() {
        assertThat(Target.parse("vault.example.org", Optional.empty()))
                .isEqualTo(new Target("vault.example.org", 443, Optional.of("vault.example.org")));
        assertThat(Target.parse("10.0.0.5:8443", Optional.empty())).isEqualTo(new Target("10.0.0.5", 8443, Optional.empty()));
        assertThat(Target.parse("[::1]:8443", Optional.empty())).isEqualTo(new Target("::1", 8443, Optional.empty()));
        assertThat(Target.parse("::1", Optional.empty()).port()).isEqualTo(443);
        assertThat(Target.parse("10.0.0.5:8443", Optional.of("vault")).expectedName()).isEqualTo("vault");
        assertThat(Target.parse("[::1]:8443", Optional.empty()).toString()).isEqualTo("[::1]:8443");
    }

    @Test
    void badTargetsAreUsageErrors() {
        for (String bad : new String[] {"", "host:0", "host:70000", "host:x", "[::1", "[::1]x", ":443"}) {
            assertThatThrownBy(() -> Target.parse(bad, Optional.empty())).as(bad)
                    .isInstanceOf(LifeboatException.class)
                    .satisfies(e -> assertThat(((LifeboatException) e).kind()).isEqualTo(LifeboatException.Kind.USAGE));
        }
    }
}
