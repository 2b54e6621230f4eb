package io.lifeboat.cli.repo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lifeboat.cli.JsonOutput;
import io.lifeboat.repository.PointInfo;
import io.lifeboat.restore.RestoreListener;
import io.lifeboat.restore.RestoreResult;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Failover progress as JSON lines (one object per line) on standard error:
 * {@code {"event":"start","point":ID,"totalBytes":N}}, {@code {"event":"progress","bytes":N,"totalBytes":N}}
 * at most once per percent, {@code {"event":"warning","message":TEXT}} for what the failover could not
 * make as safe as it should, {@code {"event":"done","bytes":N}}.
 */
final class JsonProgress implements RestoreListener {
    private static final ObjectWriter LINE = JsonOutput.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);

    private final PrintStream out;
    private long total;
    private long lastPercent = -1;

    JsonProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void start(PointInfo point, long totalBytes) {
        total = totalBytes;
        Map<String, Object> m = event("start");
        m.put("point", point.id());
        m.put("machine", point.machine());
        m.put("totalBytes", totalBytes);
        emit(m);
    }

    @Override
    public void progress(long bytesDone) {
        long percent = total == 0 ? 100 : bytesDone * 100 / total;
        if (percent != lastPercent) {
            lastPercent = percent;
            Map<String, Object> m = event("progress");
            m.put("bytes", bytesDone);
            m.put("totalBytes", total);
            emit(m);
        }
    }

    @Override
    public void warning(String message) {
        Map<String, Object> m = event("warning");
        m.put("message", message);
        emit(m);
    }

    @Override
    public void done(RestoreResult result) {
        Map<String, Object> m = event("done");
        m.put("bytes", result.bytesRestored());
        emit(m);
    }

    private static Map<String, Object> event(String name) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", name);
        return m;
    }

    private void emit(Map<String, Object> m) {
        try {
            out.println(LINE.writeValueAsString(m));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings and numbers always serialises", e);
        }
    }
}
