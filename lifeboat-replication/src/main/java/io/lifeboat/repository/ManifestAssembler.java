package io.lifeboat.repository;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects a streamed manifest back into an in-memory {@link Manifest}: for the API's
 * {@code GET points/{id}} and for callers that want a whole one. Its memory grows with the manifest
 * (about 60 bytes per block reference), so a vault never uses it on its own behalf: retention,
 * verify and commit read chunk by chunk.
 */
final class ManifestAssembler implements ManifestVisitor {
    private final List<Entry> entries = new ArrayList<>();
    private Entry header;
    private List<BlockRef> blocks = new ArrayList<>();

    @Override
    public void entry(Entry e) {
        close();
        header = e;
    }

    @Override
    public void block(BlockId id, int length) {
        blocks.add(new BlockRef(id, length));
    }

    @Override
    public void zeros(long count, int length) {
        BlockRef zero = BlockRef.zero(length);
        for (long i = 0; i < count; i++) {
            blocks.add(zero);
        }
    }

    private void close() {
        if (header != null) {
            entries.add(new Entry(header.path(), header.type(), header.mode(), header.mtimeNanos(), header.size(),
                    header.linkTarget(), blocks));
            blocks = new ArrayList<>();
        }
    }

    Manifest manifest(ManifestHeader h) {
        close();
        header = null;
        return new Manifest(Manifest.FORMAT_VERSION, h.source(), h.kind(), h.blockSize(), entries);
    }
}
