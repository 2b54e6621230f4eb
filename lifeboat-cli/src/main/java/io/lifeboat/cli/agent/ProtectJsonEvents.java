package io.lifeboat.cli.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lifeboat.agent.protect.ProtectListener;
import io.lifeboat.agent.protect.ProtectResult;
import io.lifeboat.cli.JsonOutput;
import io.lifeboat.repository.ManifestCodec;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code agent protect --json}: one JSON object per line on standard output, each with an
 * {@code "event"}: started, progress (at most twice a second), uploaded, retrying, skipped,
 * committed, failed, stopped. The schema is in {@code docs/protocol.md} ("agent protect --json").
 */
final class ProtectJsonEvents implements ProtectListener {
    private static final ObjectWriter LINE = JsonOutput.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);
    private static final long PROGRESS_NANOS = 500_000_000L;

    private final PrintStream out;
    private long read;
    private long blocksSent;
    private long wireBytes;
    private long lastProgress;

    ProtectJsonEvents(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void started(Path source, long estimatedBytes) {
        read = 0;
        blocksSent = 0;
        wireBytes = 0;
        emit(event("started").put("source", source.toString()).put("estimatedBytes", estimatedBytes));
    }

    @Override
    public synchronized void read(long bytes) {
        read += bytes;
        long now = System.nanoTime();
        if (now - lastProgress >= PROGRESS_NANOS) {
            lastProgress = now;
            emit(event("progress").put("bytesRead", read).put("blocksSent", blocksSent).put("wireBytes", wireBytes));
        }
    }

    @Override
    public synchronized void uploaded(int blocks, long bytes) {
        blocksSent += blocks;
        wireBytes += bytes;
        emit(event("uploaded").put("blocks", blocks).put("wireBytes", bytes).put("blocksSent", blocksSent)
                .put("bytesRead", read));
    }

    @Override
    public synchronized void retrying(String request, int attempt, Duration delay, Exception cause) {
        emit(event("retrying").put("request", request).put("attempt", attempt).put("delayMillis", delay.toMillis())
                .put("reason", String.valueOf(cause.getMessage())));
    }

    @Override
    public synchronized void skipped(Path path, String reason) {
        emit(event("skipped").put("path", path.toString()).put("reason", reason));
    }

    @Override
    public synchronized void notice(String message) {
        emit(event("notice").put("message", message));
    }

    @Override
    public synchronized void committed(ProtectResult r) {
        emit(event("committed").put("point", ManifestCodec.infoNode(r.point())).put("sourceBytes", r.sourceBytes()).put("blocks", r.blocks())
                .put("zeroBlocks", r.zeroBlocks()).put("blocksSent", r.blocksSent())
                .put("blocksPresent", r.blocksPresent()).put("bytesSent", r.bytesSent())
                .put("hardLinkCopies", r.hardLinkCopies()).put("filesKept", r.filesKept())
                .put("sentAsDelta", r.sentAsDelta()).put("keptByStamp", r.keptByStamp())
                .put("seconds", r.elapsed().toMillis() / 1000.0));
    }

    synchronized void failed(String message, int exitCode) {
        emit(event("failed").put("message", message).put("exitCode", exitCode));
    }

    synchronized void stopped() {
        emit(event("stopped"));
    }

    private static Event event(String name) {
        return new Event().put("event", name);
    }

    private void emit(Event e) {
        try {
            out.println(LINE.writeValueAsString(e.fields));
            out.flush();
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static final class Event {
        final Map<String, Object> fields = new LinkedHashMap<>();

        Event put(String k, Object v) {
            fields.put(k, v);
            return this;
        }
    }
}
