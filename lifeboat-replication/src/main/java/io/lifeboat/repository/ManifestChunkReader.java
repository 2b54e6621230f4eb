package io.lifeboat.repository;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Decodes one manifest chunk written by {@link ManifestChunker} and hands its pieces to a {@link
 * ManifestVisitor}. Every length is checked against what remains before anything is allocated; the
 * zstd frame may not inflate beyond {@link #MAX_PLAIN_BYTES}. Whatever is wrong (not zstd, a bad
 * magic, a record cut short, an unknown tag or type, text that is not UTF-8) is an {@link
 * IntegrityException} naming the chunk and the offset: never an index error, never a huge array.
 * This checks form only; what the pieces mean is {@link ManifestCheck}'s business.
 */
public final class ManifestChunkReader {
    /** Largest plain chunk accepted: 8 MiB (writers cut at 4 MiB). */
    public static final int MAX_PLAIN_BYTES = 8 << 20;
    /** Largest stored (compressed) chunk accepted: the plain bound plus zstd's worst-case growth. */
    public static final int MAX_STORED_BYTES = MAX_PLAIN_BYTES + (MAX_PLAIN_BYTES >> 7) + 4096;

    private ManifestChunkReader() {
    }

    /**
     * Decodes a stored chunk.
     *
     * @param what names the chunk in errors, e.g. {@code "manifest chunk manifests/web-1/2026...-ab12..."}
     * @throws IntegrityException for anything but a well-formed chunk
     */
    public static void read(String what, byte[] stored, ManifestVisitor v) {
        byte[] plain = inflate(what, stored);
        parse(what, ByteBuffer.wrap(plain), v);
    }

    /**
     * Decodes a chunk's plain form, as {@link ManifestChunker} cut it before compressing it: the vault
     * checks a manifest it builds itself this way, before storing it ({@link PointCommitter#commitBuilt}).
     *
     * @throws IntegrityException for anything but a well-formed chunk
     */
    static void readPlain(String what, byte[] plain, ManifestVisitor v) {
        parse(what, ByteBuffer.wrap(plain), v);
    }

    private static byte[] inflate(String what, byte[] stored) {
        if (stored.length > MAX_STORED_BYTES) {
            throw bad(what, stored.length + " bytes, more than a chunk may be (" + MAX_STORED_BYTES + ")");
        }
        long declared;
        try {
            declared = stored.length < 4 ? -2 : Zstd.getFrameContentSize(stored, 0, stored.length);
        } catch (ZstdException | IllegalArgumentException e) {
            declared = -2;
        }
        if (declared < 0) {
            throw bad(what, "not a zstd frame with a declared size (" + stored.length + " bytes): truncated or altered");
        }
        if (declared > MAX_PLAIN_BYTES) {
            throw bad(what, "would inflate to " + declared + " bytes, more than a chunk may be (" + MAX_PLAIN_BYTES + ")");
        }
        byte[] plain = new byte[(int) declared];
        try {
            long n = Zstd.decompressByteArray(plain, 0, plain.length, stored, 0, stored.length);
            if (Zstd.isError(n)) {
                throw bad(what, "does not decompress (" + Zstd.getErrorName(n) + "): truncated or altered");
            }
            if (n != plain.length) {
                throw bad(what, "inflates to " + n + " bytes where its frame declares " + plain.length);
            }
            return plain;
        } catch (ZstdException | IllegalArgumentException e) {
            throw bad(what, "does not decompress (" + e.getMessage() + "): truncated or altered");
        }
    }

    private static void parse(String what, ByteBuffer in, ManifestVisitor v) {
        byte[] magic = new byte[ManifestChunker.MAGIC.length];
        if (in.remaining() < magic.length) {
            throw bad(what, "shorter than its magic");
        }
        in.get(magic);
        if (!java.util.Arrays.equals(magic, ManifestChunker.MAGIC)) {
            throw bad(what, "does not start with \"LBMC\" version 1");
        }
        while (in.hasRemaining()) {
            int at = in.position();
            int tag = in.get();
            switch (tag) {
                case ManifestChunker.ENTRY -> v.entry(entry(what, in, at));
                case ManifestChunker.BLOCK -> {
                    need(what, in, BlockId.BYTES + 4, at, "block");
                    BlockId id = BlockId.read(in);
                    v.block(id, length(what, in.getInt(), at));
                }
                case ManifestChunker.ZEROS -> {
                    need(what, in, 8, at, "run of zero blocks");
                    long count = Integer.toUnsignedLong(in.getInt());
                    int length = length(what, in.getInt(), at);
                    if (count == 0) {
                        throw bad(what, "an empty run of zero blocks at offset " + at);
                    }
                    v.zeros(count, length);
                }
                default -> throw bad(what, "unknown record " + (tag & 0xff) + " at offset " + at);
            }
        }
    }

    private static Entry entry(String what, ByteBuffer in, int at) {
        String path = text(what, in, at, "entry path");
        need(what, in, 1 + 2 + 8 + 8 + 1, at, "entry");
        EntryType type = switch (in.get()) {
            case 0 -> EntryType.FILE;
            case 1 -> EntryType.DIRECTORY;
            case 2 -> EntryType.SYMLINK;
            default -> throw bad(what, "entry \"" + path + "\" at offset " + at + " has an unknown type");
        };
        int mode = in.getShort() & 0xffff;
        if (mode > 07777) {
            throw bad(what, "entry \"" + path + "\" at offset " + at + " has mode " + Integer.toOctalString(mode)
                    + ", more than 12 permission bits");
        }
        long mtimeNanos = in.getLong();
        long size = in.getLong();
        int hasLink = in.get();
        String link = text(what, in, at, "link target");
        if (hasLink == 0 && !link.isEmpty() || hasLink != 0 && hasLink != 1) {
            throw bad(what, "entry \"" + path + "\" at offset " + at + " has a malformed link field");
        }
        return new Entry(path, type, mode, mtimeNanos, size, hasLink == 1 ? link : null, List.of());
    }

    private static String text(String what, ByteBuffer in, int at, String field) {
        need(what, in, 2, at, field);
        int n = in.getShort() & 0xffff;
        need(what, in, n, at, field);
        if (n == 0) {
            return ""; // a file's link target, nearly always
        }
        ByteBuffer slice = in.slice(in.position(), n);
        in.position(in.position() + n);
        if (slice.hasArray() && ascii(slice.array(), slice.arrayOffset(), n)) {
            // ASCII is UTF-8 as it is: a string of the bytes, without a decoder and its buffers
            // (the decoder took a quarter of a 47,000-entry tree's delta commit; issue 14, session 15)
            return new String(slice.array(), slice.arrayOffset(), n, StandardCharsets.US_ASCII);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(slice).toString();
        } catch (CharacterCodingException e) {
            throw bad(what, field + " at offset " + at + " is not UTF-8");
        }
    }

    private static boolean ascii(byte[] b, int from, int n) {
        for (int i = from, end = from + n; i < end; i++) {
            if (b[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private static int length(String what, int length, int at) {
        if (length <= 0) {
            throw bad(what, "a block length of " + Integer.toUnsignedString(length) + " at offset " + at);
        }
        return length;
    }

    private static void need(String what, ByteBuffer in, int n, int at, String record) {
        if (in.remaining() < n) {
            throw bad(what, "truncated: the " + record + " at offset " + at + " needs " + n + " more bytes, "
                    + in.remaining() + " remain");
        }
    }

    static IntegrityException bad(String what, String problem) {
        return new IntegrityException(null, what, what + ": " + problem);
    }
}
