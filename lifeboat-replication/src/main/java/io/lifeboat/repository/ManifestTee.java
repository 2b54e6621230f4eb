package io.lifeboat.repository;

/** Hands a manifest to two visitors, {@code first} before {@code second} for each piece. */
record ManifestTee(ManifestVisitor first, ManifestVisitor second) implements ManifestVisitor {
    @Override
    public void entry(Entry e) {
        first.entry(e);
        second.entry(e);
    }

    @Override
    public void block(BlockId id, int length) {
        first.block(id, length);
        second.block(id, length);
    }

    @Override
    public void zeros(long count, int length) {
        first.zeros(count, length);
        second.zeros(count, length);
    }
}
