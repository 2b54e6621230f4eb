package io.lifeboat.repository;

import io.lifeboat.repository.backend.DirectIo;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A pack laid out in place while its blocks arrive: the magic, then for each block its record header
 * and a gap the upload's body bytes are copied into, straight from the network buffer. Once every
 * block in it is checked, the same buffer is written as the pack file ({@link Pack#assembled}): a
 * received block is copied once, into the buffer that is written.
 *
 * <p>The buffer lies outside the heap, aligned as {@code O_DIRECT} needs ({@link DirectIo}), so a
 * local backend writes it to the device as it is (issue 14, session 11: the copy of a 16 MiB array
 * that had gone cold in the cache into an aligned buffer cost the vault about 0.25 CPU-s per GiB).
 * Buffers are reused (a few kept per process): allocating one outside the heap costs a zeroing and
 * a cleaner each time. One receiver uses one buffer at a time, in one thread at a time.
 */
final class ReceivingPack {
    /** Buffers kept for the next uploads: about one per concurrent upload on a small vault. */
    private static final BlockingQueue<ByteBuffer> SPARE = new ArrayBlockingQueue<>(4);

    private ByteBuffer bytes;
    private int size;
    /** Each block's id, encoding and where its body starts and ends; raw lengths are set once checked. */
    private final List<Pack.Item> items = new ArrayList<>();

    /** A pack with room for about {@code expected} bytes (grows when a block does not fit). */
    ReceivingPack(int expected) {
        int want = Math.max(expected, Pack.MAGIC.length + Pack.HEADER);
        ByteBuffer spare = SPARE.poll();
        bytes = spare != null && spare.capacity() >= want && spare.capacity() <= 2 * (long) want
                ? spare : DirectIo.alignedBuffer(want);
        bytes.clear().put(0, Pack.MAGIC);
        size = Pack.MAGIC.length;
    }

    /** Bytes laid out so far (headers and bodies, received or not). */
    int size() {
        return size;
    }

    /** The buffer bodies are copied into (the same for every block until the pack grows). */
    ByteBuffer buffer() {
        return bytes;
    }

    /** Writes a block's record header and returns where its {@code stored} body bytes go. */
    int reserve(BlockId id, BlockEncoding encoding, int raw, int stored) {
        long need = (long) size + Pack.HEADER + stored;
        if (need > Integer.MAX_VALUE - DirectIo.ALIGN) {
            throw new IllegalArgumentException("a pack of " + need + " bytes is too large");
        }
        if (need > bytes.capacity()) { // half as large again, or what this block needs
            long larger = Math.max(need, bytes.capacity() + (long) (bytes.capacity() >> 1));
            grow((int) Math.min(Integer.MAX_VALUE - DirectIo.ALIGN, larger));
        }
        Pack.header(bytes, size, id, encoding, raw, stored);
        int body = size + Pack.HEADER;
        size = (int) need;
        items.add(new Pack.Item(id, null, body, stored, encoding, raw));
        return body;
    }

    /** Moves what is laid out into a larger buffer (the smaller one is left to the collector). */
    private void grow(int capacity) {
        ByteBuffer larger = DirectIo.alignedBuffer(capacity);
        larger.put(0, bytes, 0, size);
        bytes = larger;
    }

    /** Every block's body, in order, as a view of the buffer (position 0, limit its length). */
    List<ByteBuffer> bodies() {
        List<ByteBuffer> out = new ArrayList<>(items.size());
        for (Pack.Item it : items) {
            out.add(bytes.slice(it.offset(), it.length()));
        }
        return out;
    }

    /** The blocks' ids and encodings, in order. */
    List<Pack.Item> laidOut() {
        return List.copyOf(items);
    }

    /**
     * The checked pack: its bytes (the buffer from 0 to its size) and its items, whose uncompressed
     * lengths are {@code rawLengths}.
     */
    Pack.Built assemble(int[] rawLengths, String salt) {
        List<Pack.Item> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            Pack.Item it = items.get(i);
            out.add(new Pack.Item(it.id(), null, it.offset(), it.length(), it.encoding(), rawLengths[i]));
        }
        return Pack.assembled(bytes.duplicate().position(0).limit(size), out, salt);
    }

    /** Gives the buffer back for another upload; this pack must not be used afterwards. */
    void release() {
        if (bytes != null) {
            SPARE.offer(bytes);
            bytes = null;
        }
    }
}
