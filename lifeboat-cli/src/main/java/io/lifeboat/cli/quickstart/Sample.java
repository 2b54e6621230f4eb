package io.lifeboat.cli.quickstart;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;

/**
 * The generated sample disk image: a third random (incompressible), a third log-like text
 * (compressible), a third zeros (a hole: never sent). {@link #change} rewrites 1% of it in scattered
 * 64 KiB pieces at offsets that are not block-aligned, as a running machine would.
 */
final class Sample {
    static final int THIRD = 16 << 20;
    static final long SIZE = 3L * THIRD;
    static final int PIECE = 64 * 1024;

    private Sample() {
    }

    static void write(Path file) throws IOException {
        Random r = new Random(42);
        byte[] buf = new byte[1 << 20];
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            for (int i = 0; i < THIRD / buf.length; i++) {
                r.nextBytes(buf);
                f.write(buf);
            }
            StringBuilder log = new StringBuilder();
            for (long line = 0; log.length() < THIRD; line++) {
                log.append("2026-11-28T12:00:").append(line % 60).append("Z web-1 request ").append(line)
                        .append(" GET /orders/").append(line * 7919 % 100_000).append(" 200 ").append(line % 977)
                        .append("ms\n");
            }
            f.write(log.toString().getBytes(StandardCharsets.US_ASCII), 0, THIRD);
            f.setLength(SIZE);
        }
    }

    /** Rewrites 1% of the image; returns the number of pieces. */
    static int change(Path file) throws IOException {
        int pieces = (int) Math.ceil(SIZE / 100.0 / PIECE);
        long stride = SIZE / pieces;
        Random r = new Random(7);
        byte[] piece = new byte[PIECE];
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            for (int i = 0; i < pieces; i++) {
                r.nextBytes(piece);
                f.seek(i * stride + 4097 + r.nextInt(8192));
                f.write(piece);
            }
        }
        return pieces;
    }
}
