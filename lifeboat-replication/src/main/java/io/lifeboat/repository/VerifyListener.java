package io.lifeboat.repository;

/** Progress of {@link Repository#verify}, in bytes of pack files read. No-op by default. */
public interface VerifyListener {
    VerifyListener NONE = new VerifyListener() {
    };

    /** Called once, before reading, with the bytes of pack files to read. */
    default void start(long totalBytes) {
    }

    /** Called after each pack with the bytes read so far. */
    default void progress(long bytesDone) {
    }
}
