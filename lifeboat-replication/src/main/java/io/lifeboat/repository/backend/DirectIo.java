package io.lifeboat.repository.backend;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileSystemException;
import java.util.Locale;

/**
 * What every writer that goes around the page cache with {@code O_DIRECT} needs to agree on: the
 * alignment, buffers that meet it, and how a file system's refusal of the flag looks. Shared by
 * the failover's target writes ({@code io.lifeboat.restore.DirectTarget}); {@link DirectPackWriter}
 * keeps its own copy of the same rules for now (issue 14, session 10: added beside it rather than
 * edited while another change to it was under way).
 *
 * <p>O_DIRECT needs the file offset, the length and the buffer's address aligned to the device's
 * logical block. {@link #ALIGN} is a multiple of every logical block size Linux uses (512, 4096).
 */
public final class DirectIo {
    /** The alignment of offsets, lengths and buffer addresses. */
    public static final int ALIGN = 4096;
    /** O_DIRECT is a Linux flag here: elsewhere the JDK's option is not even tried. */
    public static final boolean LINUX = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");

    private DirectIo() {
    }

    /** A buffer outside the heap of {@code bytes} (rounded up to {@link #ALIGN}) whose address is aligned. */
    public static ByteBuffer alignedBuffer(int bytes) {
        int size = roundUp(bytes);
        return ByteBuffer.allocateDirect(size + ALIGN).alignedSlice(ALIGN).limit(size).slice();
    }

    /** {@code n} rounded up to the next multiple of {@link #ALIGN}. */
    public static int roundUp(int n) {
        return (n + ALIGN - 1) & -ALIGN;
    }

    /** True when {@code at} is a multiple of {@link #ALIGN}. */
    public static boolean aligned(long at) {
        return (at & (ALIGN - 1)) == 0;
    }

    /**
     * True for the answers of a file system without O_DIRECT, or with a larger alignment than
     * {@link #ALIGN}: the JDK's refusal of the option, its own alignment check (it asks for the file
     * system's block size, which a few report larger than 4 KiB), or {@code EINVAL} (Linux's answer
     * to the flag, as tmpfs gave it before 6.6, or to an alignment it does not accept). Any other
     * error (a full disk, a missing folder) is the caller's to report.
     */
    public static boolean refusesDirectIo(Exception e) {
        return e instanceof UnsupportedOperationException
                || e instanceof FileSystemException f && "Invalid argument".equals(f.getReason())
                || e instanceof IOException && "Invalid argument".equals(e.getMessage())
                || e instanceof IOException && String.valueOf(e.getMessage()).contains("is not a multiple of the block size");
    }
}
