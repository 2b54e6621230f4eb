package io.lifeboat.cli.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import io.lifeboat.cli.JsonOutput;
import io.lifeboat.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs {@code lifeboat doctor} in this JVM and returns its exit code and its JSON report. */
record DoctorRun(int exitCode, JsonNode report) {

    static DoctorRun run(Path dir, String... args) throws Exception {
        Path json = Files.createTempFile(dir, "doctor", ".json");
        List<String> argv = new ArrayList<>(List.of("doctor"));
        argv.addAll(List.of(args));
        argv.addAll(List.of("--json", json.toString()));
        int code = Main.run(argv.toArray(String[]::new));
        JsonNode report = Files.size(json) == 0 ? null : JsonOutput.MAPPER.readTree(json.toFile());
        return new DoctorRun(code, report);
    }

    String cause() {
        return report == null || report.get("cause").isNull() ? null : report.get("cause").asText();
    }

    String text() {
        return report == null ? "" : report.toString();
    }
}
