package io.lifeboat.agent.protect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.CRC32C;

/**
 * The file form of a {@link SourceStamp}: a few lines of UTF-8 text an operator can read, the last
 * one a CRC-32C of every byte before it.
 * <pre>
 *   lifeboat-source-stamp 2
 *   source /abs/path/of/disk.img
 *   point 2026-12-06T19:40:12.345Z-1a2b
 *   stamp SIZE MTIME_NS CTIME_NS INODE DEVICE MODE(octal) UID GID
 *   pass-start-ns N
 *   full-read-ms N
 *   manifest-sha256 HEX (64 digits) or -
 *   crc32c XXXXXXXX
 * </pre>
 * Format 1 (session 13, without the manifest-sha256 line) is still read, as a stamp whose digest
 * is not known. A file that fails any check (the first line, a key, a number, the checksum, another source) is
 * refused with the reason; the pass then reads the source, which is always safe.
 */
final class SourceStampCodec {
    static final String HEADER = "lifeboat-source-stamp 2";
    /** The form before the manifest's digest was kept: read as a stamp without it. */
    static final String HEADER_1 = "lifeboat-source-stamp 1";

    private SourceStampCodec() {
    }

    /** @throws IllegalArgumentException for a source or point with a line break: such a source is never kept */
    static byte[] write(SourceStamp s) {
        if (s.source().contains("\n") || s.point().contains("\n")) {
            throw new IllegalArgumentException("a line break in the source or point name");
        }
        FileStamp f = s.stamp();
        String body = HEADER + "\n"
                + "source " + s.source() + "\n"
                + "point " + s.point() + "\n"
                + String.format(Locale.ROOT, "stamp %d %d %d %d %d %o %d %d\n", f.size(), f.mtimeNanos(), f.ctimeNanos(),
                        f.inode(), f.device(), f.mode(), f.uid(), f.gid())
                + "pass-start-ns " + s.passStartNanos() + "\n"
                + "full-read-ms " + s.fullReadMillis() + "\n"
                + "manifest-sha256 " + (s.manifestSha256() == null ? "-" : s.manifestSha256()) + "\n";
        return (body + String.format(Locale.ROOT, "crc32c %08x\n", crc(body))).getBytes(StandardCharsets.UTF_8);
    }

    /** The stamp in {@code bytes}, which must be of {@code source} (its absolute path); else an IOException saying why. */
    static SourceStamp read(byte[] bytes, String source) throws IOException {
        String text = new String(bytes, StandardCharsets.UTF_8);
        int lastLine = text.lastIndexOf("crc32c ");
        if (lastLine < 0 || !text.endsWith("\n")) {
            throw new IOException("no checksum line at its end");
        }
        String body = text.substring(0, lastLine);
        String sum = text.substring(lastLine + "crc32c ".length(), text.length() - 1);
        if (!sum.equals(String.format(Locale.ROOT, "%08x", crc(body)))) {
            throw new IOException("checksum mismatch (a damaged file)");
        }
        String[] lines = body.split("\n", -1);
        boolean withDigest = lines[0].equals(HEADER);
        int count = withDigest ? 8 : 7;
        if (!withDigest && !lines[0].equals(HEADER_1) || lines.length != count || !lines[count - 1].isEmpty()) {
            throw new IOException("not a source stamp of format 1 or 2");
        }
        String named = value(lines[1], "source");
        if (!named.equals(source)) {
            throw new IOException("it is the stamp of " + named + ", not of " + source);
        }
        String[] f = value(lines[3], "stamp").split(" ", -1);
        if (f.length != 8) {
            throw new IOException("the stamp line has " + f.length + " fields, not 8");
        }
        try {
            FileStamp stamp = new FileStamp(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]),
                    Long.parseLong(f[3]), Long.parseLong(f[4]), Integer.parseInt(f[5], 8), Integer.parseInt(f[6]),
                    Integer.parseInt(f[7]));
            String digest = withDigest ? value(lines[6], "manifest-sha256") : "-";
            return new SourceStamp(named, value(lines[2], "point"), stamp, Long.parseLong(value(lines[4], "pass-start-ns")),
                    Long.parseLong(value(lines[5], "full-read-ms")), digest.equals("-") ? null : digest);
        } catch (NumberFormatException e) {
            throw new IOException("a number that is not one: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The text after "{@code key} " on {@code line}. */
    private static String value(String line, String key) throws IOException {
        if (!line.startsWith(key + " ")) {
            throw new IOException("expected the line \"" + key + " ...\", found \"" + line + "\"");
        }
        return line.substring(key.length() + 1);
    }

    private static long crc(String body) {
        CRC32C c = new CRC32C();
        c.update(body.getBytes(StandardCharsets.UTF_8));
        return c.getValue();
    }
}
