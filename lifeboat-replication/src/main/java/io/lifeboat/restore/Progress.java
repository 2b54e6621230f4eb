package io.lifeboat.restore;

/** Counts what a failover restored and passes byte progress on to the listener. */
final class Progress {
    private final RestoreListener listener;
    long bytes;
    long bytesWritten;
    long zeroBlocks;
    int files;
    int directories;
    int symlinks;

    Progress(RestoreListener listener) {
        this.listener = listener;
    }

    void add(long n) {
        bytes += n;
        listener.progress(bytes);
    }

    /** Bytes written to the target (a failover in place writes only what differs). */
    void wrote(long n) {
        bytesWritten += n;
        listener.written(bytesWritten);
    }

    void zeroBlock() {
        zeroBlocks++;
    }

    void entry(String path) {
        listener.entry(path);
    }
}
