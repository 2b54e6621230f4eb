package io.lifeboat.cli.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PlanProgressTest {
    @Test
    void aStepsWarningIsALineNamingTheStep() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        new PlanProgress(new PrintStream(buf, true, StandardCharsets.UTF_8)).warning("db/db-1", "the folder /x cannot be synced");
        assertThat(buf.toString(StandardCharsets.UTF_8))
                .isEqualTo("plan: db/db-1: warning: the folder /x cannot be synced" + System.lineSeparator());
    }
}
