package io.lifeboat.repository;

import java.util.Objects;

/**
 * One block of a {@link Repository#putBlocks} batch: its id and its body as sent,
 * {@code data[offset .. offset + length)} (a view into the request body it arrived in; the
 * repository copies it only into the pack it writes).
 */
public record BlockUpload(BlockId id, byte[] data, int offset, int length, BlockEncoding encoding) {
    public BlockUpload {
        if (id == null || data == null || encoding == null) {
            throw new IllegalArgumentException("a block upload needs an id, a body and an encoding");
        }
        Objects.checkFromIndexSize(offset, length, data.length);
    }

    /** An upload whose body is the whole of {@code body}. */
    public BlockUpload(BlockId id, byte[] body, BlockEncoding encoding) {
        this(id, body, 0, body == null ? 0 : body.length, encoding);
    }
}
