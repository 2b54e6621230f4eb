package io.lifeboat.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lifeboat.tls.LifeboatException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a report as JSON to a file or, for "-", to standard output. The one ObjectMapper of the CLI. */
public final class JsonOutput {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .findAndRegisterModules()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private JsonOutput() {
    }

    /** @param target a file path or "-" */
    public static void write(String target, Object report, PrintStream stdout) {
        try {
            String json = MAPPER.writeValueAsString(report) + System.lineSeparator();
            if ("-".equals(target)) {
                stdout.print(json);
                stdout.flush();
            } else {
                Files.writeString(Path.of(target), json);
            }
        } catch (IOException e) {
            throw new LifeboatException(LifeboatException.Kind.USAGE,
                    "cannot write the JSON report to " + target + ": " + e.getMessage(), e);
        }
    }
}
