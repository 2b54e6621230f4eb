package io.lifeboat.vault.events;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The append-only, bounded event log of one vault ({@code V/events/}); see the package note.
 * Thread-safe and safe across processes.
 */
public final class EventLog implements EventJournal {
    public static final long DEFAULT_MAX_BYTES = 4L << 20;
    public static final int DEFAULT_KEEP = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final long maxBytes;
    private final int keep;

    /**
     * @param maxBytes a file is rotated once it is at least this long
     * @param keep     rotated files kept besides the current one
     */
    public EventLog(Path dir, long maxBytes, int keep) {
        if (maxBytes < 1024 || keep < 1) {
            throw new IllegalArgumentException("event log bounds too small: " + maxBytes + " bytes, keep " + keep);
        }
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.keep = keep;
    }

    public static EventLog in(Path vaultDir) {
        return new EventLog(vaultDir.resolve("events"), DEFAULT_MAX_BYTES, DEFAULT_KEEP);
    }

    Path current() {
        return dir.resolve("events.jsonl");
    }

    Path rotated(int n) {
        return dir.resolve("events." + n + ".jsonl");
    }

    /** Appends one event as one line; rotates first when the current file is full. */
    @Override
    public synchronized void append(VaultEvent event) {
        byte[] line;
        try {
            line = (JSON.writeValueAsString(event.toJson()) + "\n").getBytes(StandardCharsets.UTF_8);
            Files.createDirectories(dir);
            try (FileChannel lockFile = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock held = lockFile.lock()) {
                if (Files.isRegularFile(current()) && Files.size(current()) >= maxBytes) {
                    rotate();
                }
                try (FileChannel ch = FileChannel.open(current(), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND)) {
                    ByteBuffer b = ByteBuffer.wrap(line);
                    while (b.hasRemaining()) {
                        ch.write(b);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the event log in " + dir, e);
        }
    }

    private void rotate() throws IOException {
        Files.deleteIfExists(rotated(keep));
        for (int n = keep - 1; n >= 1; n--) {
            if (Files.exists(rotated(n))) {
                Files.move(rotated(n), rotated(n + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(current(), rotated(1), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Events at or after {@code since}, oldest first (a damaged or partial line is skipped). */
    @Override
    public List<VaultEvent> since(Instant since) {
        List<VaultEvent> out = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (int n = keep; n >= 1; n--) {
            files.add(rotated(n));
        }
        files.add(current());
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                continue;
            }
            try {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    parse(line).filter(e -> !e.time().isBefore(since)).ifPresent(out::add);
                }
            } catch (java.nio.file.NoSuchFileException e) {
                // rotated away while reading: its lines are in the next file
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the event log " + f, e);
            }
        }
        return out;
    }

    static java.util.Optional<VaultEvent> parse(String line) {
        if (line.isBlank()) {
            return java.util.Optional.empty();
        }
        try {
            Map<String, Object> m = JSON.readValue(line, new TypeReference<Map<String, Object>>() { });
            return java.util.Optional.of(VaultEvent.fromJson(m));
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }
}
