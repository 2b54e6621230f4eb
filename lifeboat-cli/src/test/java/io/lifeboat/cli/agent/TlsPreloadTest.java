package io.lifeboat.cli.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TlsPreloadTest {
    @Test
    void agentProtectPreloadsBoringSslUnlessTheJdkEngineIsForced() {
        assertThat(TlsPreload.wanted(new String[] {"agent", "protect", "--dir", "A", "--once", "img"}, null)).isTrue();
        assertThat(TlsPreload.wanted(new String[] {"agent", "protect", "--engine", "boringssl", "img"}, null)).isTrue();
        assertThat(TlsPreload.wanted(new String[] {"agent", "protect", "img"}, "auto")).isTrue();

        assertThat(TlsPreload.wanted(new String[] {"agent", "protect", "--engine", "jdk", "img"}, null)).isFalse();
        assertThat(TlsPreload.wanted(new String[] {"agent", "protect", "--engine=JDK", "img"}, null)).isFalse();
        assertThat(TlsPreload.wanted(new String[] {"agent", "protect", "img"}, "jdk")).isFalse();
        // the option wins over the environment, as picocli's default does
        assertThat(TlsPreload.wanted(new String[] {"agent", "protect", "--engine", "auto", "img"}, "jdk")).isTrue();
    }

    @Test
    void otherCommandsAndHelpLoadNothing() {
        assertThat(TlsPreload.wanted(new String[] {"agent", "protect", "--help"}, null)).isFalse();
        assertThat(TlsPreload.wanted(new String[] {"agent", "protect", "-h"}, null)).isFalse();
        assertThat(TlsPreload.wanted(new String[] {"agent", "protect", "--dir", "A", "-h"}, null)).isFalse();
        assertThat(TlsPreload.wanted(new String[] {"agent", "protect", "-V"}, null)).isFalse();
        assertThat(TlsPreload.wanted(new String[] {"agent", "protect", "--version"}, null)).isFalse();
        // after "--" a "-h" is a path to protect, not the help
        assertThat(TlsPreload.wanted(new String[] {"agent", "protect", "--dir", "A", "--", "-h"}, null)).isTrue();
        assertThat(TlsPreload.wanted(new String[] {"agent", "enroll", "TOKEN"}, null)).isFalse();
        assertThat(TlsPreload.wanted(new String[] {"scan", "example.org"}, null)).isFalse();
        assertThat(TlsPreload.wanted(new String[] {"agent"}, null)).isFalse();
        assertThat(TlsPreload.wanted(new String[0], null)).isFalse();
        assertThat(TlsPreload.startIfWanted(new String[] {"vault", "serve"})).isNull();
    }

    @Test
    void aPreloadIsADaemonThatEnds() throws InterruptedException {
        Thread t = TlsPreload.startIfWanted(new String[] {"agent", "protect", "img"});
        if (t == null) {
            return; // LIFEBOAT_TLS_ENGINE=jdk in this test's environment: nothing to preload
        }
        assertThat(t.isDaemon()).as("never keeps the JVM up").isTrue();
        t.join(60_000);
        assertThat(t.isAlive()).isFalse();
    }
}
