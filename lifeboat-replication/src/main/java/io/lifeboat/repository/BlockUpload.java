package io.lifeboat.repository;

/** One block of a {@link Repository#putBlocks} batch: its id and its body as sent. */
public record BlockUpload(BlockId id, byte[] body, BlockEncoding encoding) {
    public BlockUpload {
        if (id == null || body == null || encoding == null) {
            throw new IllegalArgumentException("a block upload needs an id, a body and an encoding");
        }
    }
}
