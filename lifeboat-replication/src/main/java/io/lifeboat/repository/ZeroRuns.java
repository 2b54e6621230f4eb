package io.lifeboat.repository;

/**
 * Joins consecutive runs of zero blocks of one length into one run, as a manifest records them, so
 * that the same manifest encodes, and digests, the same however its zeros arrived: a run is handed
 * on only when a block, an entry, a run of another length or the end comes. Shared by the {@link ManifestChunker} (which writes runs) and the
 * {@link ManifestDigest} (which hashes them), whose bytes must agree.
 */
final class ZeroRuns {
    /** Where a joined run goes. */
    @FunctionalInterface
    interface Sink {
        void run(long count, int length);
    }

    private final Sink sink;
    private long count;
    private int length;

    ZeroRuns(Sink sink) {
        this.sink = sink;
    }

    /** Adds {@code count} zero blocks of {@code length} bytes; a pending run of another length goes first. */
    void add(long count, int length) {
        if (count <= 0) {
            return;
        }
        if (this.count > 0 && length != this.length) {
            flush();
        }
        this.count += count;
        this.length = length;
    }

    /** Hands on the pending run, if any. */
    void flush() {
        if (count > 0) {
            long n = count;
            count = 0;
            sink.run(n, length);
        }
    }
}
