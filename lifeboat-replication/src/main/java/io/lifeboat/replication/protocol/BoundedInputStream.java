package io.lifeboat.replication.protocol;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Fails with {@link LimitException} once more than {@code limit} bytes were read: a zip-bomb guard. */
final class BoundedInputStream extends FilterInputStream {
    static final class LimitException extends IOException {
        private static final long serialVersionUID = 1L;

        LimitException(long limit) {
            super("more than " + limit + " bytes");
        }
    }

    private final long limit;
    private long count;

    BoundedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    /** The bytes read so far. */
    long count() {
        return count;
    }

    private void count(long n) throws LimitException {
        count += n;
        if (count > limit) {
            throw new LimitException(limit);
        }
    }
}
