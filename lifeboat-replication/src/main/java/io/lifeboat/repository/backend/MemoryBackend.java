package io.lifeboat.repository.backend;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A backend in memory: fast tests, and a second implementation that keeps the {@link Backend}
 * contract honest (it runs the same contract suite as {@link LocalBackend}). "Durable" here means
 * "until the object is dropped".
 */
public final class MemoryBackend implements Backend {
    private final ConcurrentSkipListMap<String, byte[]> files = new ConcurrentSkipListMap<>();
    /** When each file was created (the system clock; tests of the prune margin use their own stores' times). */
    private final java.util.Map<String, java.time.Instant> created = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public String location() {
        return "memory:" + Integer.toHexString(System.identityHashCode(this));
    }

    private static String key(Handle h) {
        return h.type().folder() + "/" + h.name();
    }

    @Override
    public boolean create(Handle handle, byte[] data) {
        if (files.putIfAbsent(key(handle), data.clone()) != null) {
            return false;
        }
        created.put(key(handle), java.time.Instant.now());
        return true;
    }

    @Override
    public byte[] read(Handle handle) throws IOException {
        byte[] b = files.get(key(handle));
        if (b == null) {
            throw new NoSuchFileException(handle.toString());
        }
        return b.clone();
    }

    @Override
    public byte[] read(Handle handle, long offset, int length) throws IOException {
        byte[] b = read(handle);
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("bad range " + offset + "+" + length);
        }
        if (offset + length > b.length) {
            throw new EOFException(handle + ": range " + offset + "+" + length + " past the end (" + b.length + " bytes)");
        }
        return Arrays.copyOfRange(b, (int) offset, (int) offset + length);
    }

    @Override
    public OptionalLong size(Handle handle) {
        byte[] b = files.get(key(handle));
        return b == null ? OptionalLong.empty() : OptionalLong.of(b.length);
    }

    @Override
    public List<String> list(FileType type) {
        String prefix = type.folder() + "/";
        List<String> out = new ArrayList<>();
        for (String k : files.subMap(prefix, prefix + Character.MAX_VALUE).keySet()) {
            out.add(k.substring(prefix.length()));
        }
        return out;
    }

    @Override
    public java.util.Optional<java.time.Instant> createdAt(Handle handle) {
        return java.util.Optional.ofNullable(files.containsKey(key(handle)) ? created.get(key(handle)) : null);
    }

    @Override
    public boolean delete(Handle handle) {
        created.remove(key(handle));
        return files.remove(key(handle)) != null;
    }

    @Override
    public Optional<Versioned> readVersioned(Handle handle) {
        byte[] b = files.get(key(handle));
        return b == null ? Optional.empty() : Optional.of(new Versioned(b.clone(), ContentVersion.of(b)));
    }

    @Override
    public Optional<String> replace(Handle handle, byte[] data, String version) {
        byte[] next = data.clone();
        byte[] current = files.get(key(handle));
        // the map's replace compares the array by identity: only the array whose bytes were compared is swapped
        if (current == null || !ContentVersion.of(current).equals(version) || !files.replace(key(handle), current, next)) {
            return Optional.empty();
        }
        return Optional.of(ContentVersion.of(next));
    }
}
