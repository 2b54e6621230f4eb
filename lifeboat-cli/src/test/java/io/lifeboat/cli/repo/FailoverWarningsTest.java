package io.lifeboat.cli.repo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A failover's warnings reach the operator in each of the CLI's outputs: JSON lines, and plain lines. */
class FailoverWarningsTest {
    @Test
    void jsonProgressSaysAWarningAsAnEvent() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        new JsonProgress(new PrintStream(buf, true, StandardCharsets.UTF_8)).warning("the folder \"/x\" cannot be synced");
        assertThat(buf.toString(StandardCharsets.UTF_8).strip())
                .isEqualTo("{\"event\":\"warning\",\"message\":\"the folder \\\"/x\\\" cannot be synced\"}");
    }

    @Test
    void aGroupFailoverWithoutJsonPrintsEachWarningAsALine() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        new WarningLines(new PrintStream(buf, true, StandardCharsets.UTF_8)).warning("the folder /x cannot be synced");
        assertThat(buf.toString(StandardCharsets.UTF_8)).isEqualTo("warning: the folder /x cannot be synced"
                + System.lineSeparator());
    }

    @Test
    void thePauseHookPassesWarningsOn() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(buf, true, StandardCharsets.UTF_8);
        new PauseAfterWriting(new WarningLines(err), Long.MAX_VALUE, err).warning("w");
        assertThat(buf.toString(StandardCharsets.UTF_8)).isEqualTo("warning: w" + System.lineSeparator());
    }
}
