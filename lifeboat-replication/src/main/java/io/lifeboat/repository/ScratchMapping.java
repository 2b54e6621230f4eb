package io.lifeboat.repository;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A zeroed scratch file mapped into memory in segments, for derived data that must stay out of the Java
 * heap ({@link BlockTable}'s slots). The file is unlinked as soon as it is mapped (where the system
 * allows), so nothing of it outlives the process, a kill -9 included; its pages are the page cache's,
 * written back or dropped by the kernel under memory pressure. It is never synced.
 *
 * <p>{@link #unmap} releases the mappings at once rather than at some later collection, so a table
 * that grows does not hold the old file's disk and cache beside the new one. The caller must make sure
 * no thread touches an unmapped segment again (the table holds its write lock).
 */
final class ScratchMapping {
    private ScratchMapping() {
    }

    /**
     * Maps a new zeroed file of {@code bytes} in {@code dir}, cut into segments of at most
     * {@code segmentBytes} (a Java mapping is at most 2 GiB), each in the platform's byte order.
     *
     * @throws IOException when the folder or file cannot be made or mapped; the file is then removed
     */
    static MappedByteBuffer[] map(Path dir, String prefix, long bytes, long segmentBytes) throws IOException {
        Files.createDirectories(dir);
        Path file = Files.createTempFile(dir, prefix, ".table");
        try {
            int count = (int) ((bytes + segmentBytes - 1) / segmentBytes);
            MappedByteBuffer[] segments = new MappedByteBuffer[count];
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                for (int i = 0; i < count; i++) {
                    long from = i * segmentBytes;
                    segments[i] = ch.map(FileChannel.MapMode.READ_WRITE, from, Math.min(bytes - from, segmentBytes));
                    segments[i].order(ByteOrder.nativeOrder());
                }
            }
            return segments;
        } finally {
            unlink(file); // mapped or not: a mapping stays valid after its file is unlinked on Unix
        }
    }

    /** Releases every mapping now (null: nothing). Where the runtime cannot, the collector does later. */
    static void unmap(MappedByteBuffer[] segments) {
        if (segments == null) {
            return;
        }
        for (MappedByteBuffer b : segments) {
            Cleaner.clean(b);
        }
    }

    /** Deletes the file now; where that fails (a system that keeps open files), when the JVM exits. */
    private static void unlink(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
    }

    /** {@code sun.misc.Unsafe.invokeCleaner}, where the runtime has it; otherwise the collector unmaps. */
    private static final class Cleaner {
        private static final Object UNSAFE;
        private static final Method INVOKE;

        static {
            Object u = null;
            Method m = null;
            try {
                Class<?> c = Class.forName("sun.misc.Unsafe");
                Field f = c.getDeclaredField("theUnsafe");
                f.setAccessible(true);
                u = f.get(null);
                m = c.getMethod("invokeCleaner", ByteBuffer.class);
            } catch (ReflectiveOperationException | RuntimeException e) {
                u = null;
                m = null;
            }
            UNSAFE = u;
            INVOKE = m;
        }

        static void clean(MappedByteBuffer b) {
            if (INVOKE != null) {
                try {
                    INVOKE.invoke(UNSAFE, b);
                } catch (ReflectiveOperationException e) {
                    // left to the collector
                }
            }
        }
    }
}
