package io.lifeboat.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.tls.LifeboatException;
import io.lifeboat.vault.api.EnrolmentToken;
import org.junit.jupiter.api.Test;

class EnrolmentTokenTest {
    static final String CA = "a".repeat(64);

    @Test
    void roundTripsAndHidesTheSecretInToString() {
        EnrolmentToken t = new EnrolmentToken("127.0.0.1:7443", "0123456789abcdef01234567", "s3cr3t", CA, "web01");
        String text = t.encode();
        assertThat(text).startsWith("lifeboat1.").doesNotContain(" ").doesNotContain("\n");
        assertThat(EnrolmentToken.parse(text)).isEqualTo(t);
        assertThat(EnrolmentToken.parse("  " + text + "\n")).isEqualTo(t);
        assertThat(t.toString()).doesNotContain("s3cr3t");
    }

    @Test
    void damagedTokensAreUsageErrorsThatSayWhatToDo() {
        for (String bad : new String[] {"", "hello", "lifeboat1.!!!", "lifeboat1.e30", "lifeboat1.eyJ2YXVsdCI6MX0"}) {
            assertThatThrownBy(() -> EnrolmentToken.parse(bad)).as(bad)
                    .isInstanceOf(LifeboatException.class)
                    .hasMessageStartingWith("not a Lifeboat enrolment token")
                    .hasMessageContaining("lifeboat vault enroll")
                    .extracting(e -> ((LifeboatException) e).kind()).isEqualTo(LifeboatException.Kind.USAGE);
        }
        assertThatThrownBy(() -> new EnrolmentToken("a:1", "id", "s", "zz", "m")).hasMessageContaining("CA hash");
    }
}
