package io.lifeboat.repository;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A pack laid out in place while its blocks arrive: the magic, then for each block its record header
 * and a gap the upload's body bytes are copied into, straight from the network buffer. Once every
 * block in it is checked, the same array is written as the pack file ({@link Pack#assembled}): a
 * received block is copied once, into the buffer that is written.
 *
 * <p>Buffers are reused (a few kept per process): a fresh 16 MiB array is zeroed by the JVM, a cost
 * per upload that showed in the vault's CPU samples. One receiver uses one buffer at a time, in one
 * thread at a time.
 */
final class ReceivingPack {
    /** Buffers kept for the next uploads: about one per concurrent upload on a small vault. */
    private static final BlockingQueue<byte[]> SPARE = new ArrayBlockingQueue<>(4);

    private byte[] bytes;
    private int size;
    private final List<Pack.Item> items = new ArrayList<>();

    /** A pack with room for about {@code expected} bytes (grows when a block does not fit). */
    ReceivingPack(int expected) {
        int want = Math.max(expected, Pack.MAGIC.length + Pack.HEADER);
        byte[] spare = SPARE.poll();
        bytes = spare != null && spare.length >= want && spare.length <= 2 * (long) want ? spare : new byte[want];
        System.arraycopy(Pack.MAGIC, 0, bytes, 0, Pack.MAGIC.length);
        size = Pack.MAGIC.length;
    }

    /** Bytes laid out so far (headers and bodies, received or not). */
    int size() {
        return size;
    }

    boolean isEmpty() {
        return items.isEmpty();
    }

    /** The array bodies are copied into (the same for every block of this pack). */
    byte[] array() {
        return bytes;
    }

    /** Writes a block's record header and returns where its {@code stored} body bytes go. */
    int reserve(BlockId id, BlockEncoding encoding, int raw, int stored) {
        int need = size + Pack.HEADER + stored;
        if (need > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(need, bytes.length + (bytes.length >> 1)));
        }
        Pack.header(bytes, size, id, encoding, raw, stored);
        int body = size + Pack.HEADER;
        size = need;
        items.add(new Pack.Item(id, bytes, body, stored, encoding, raw));
        return body;
    }

    /**
     * The items, as views into the final array (a pack that grew moved its bodies; a raw item's
     * uncompressed length is set once checked: {@code rawLengths}).
     */
    List<Pack.Item> items(int[] rawLengths) {
        List<Pack.Item> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            Pack.Item it = items.get(i);
            out.add(new Pack.Item(it.id(), bytes, it.offset(), it.length(), it.encoding(), rawLengths[i]));
        }
        return out;
    }

    /** Uploads to check, one per block, each a view into the array. */
    List<BlockUpload> uploads() {
        List<BlockUpload> out = new ArrayList<>(items.size());
        for (Pack.Item it : items) {
            out.add(new BlockUpload(it.id(), bytes, it.offset(), it.length(), it.encoding()));
        }
        return out;
    }

    /** Gives the buffer back for another upload; this pack must not be used afterwards. */
    void release() {
        if (bytes != null) {
            SPARE.offer(bytes);
            bytes = null;
        }
    }
}
