package io.lifeboat.repository;

import io.lifeboat.repository.backend.Backend;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import io.lifeboat.repository.backend.LocalBackend;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * A vault stand-in for {@link SweepKillTest}, run in its own JVM: machine {@code m} commits three
 * versions of an image that share no block, under keep-newest 1 and no grace period, so each commit's
 * sweep drops the point before and frees its pack. The third commit's sweep hangs at the deletion of
 * the freed pack's index file, after the point was deleted and the ownership records compacted,
 * printing "hanging PACK"; the test kills it there (SIGKILL). Before, "committed N ID" per commit.
 */
public final class SweepKillWorker {
    static final int BS = 4096;

    private SweepKillWorker() {
    }

    /** Version {@code v} of the image: eight blocks of its own. */
    static Fixtures.Cut version(int v) {
        return Fixtures.cutImage(Fixtures.random(500 + v, 8 * BS), BS, SourceKind.IMAGE);
    }

    public static void main(String[] args) throws InterruptedException {
        HangingDeletes backend = new HangingDeletes(new LocalBackend(Path.of(args[0])));
        Repository repo = Repository.open(backend, RepositoryOptions.defaults().withKeepNewest(1).withPruneGrace(Duration.ZERO));
        for (int v = 0; v < 3; v++) {
            backend.armed = v == 2;
            Thread.sleep(20); // the blocks of the point before are uploaded and confirmed before the cutoff
            PointInfo p = Fixtures.protect(repo, "m", version(v));
            System.out.println("committed " + v + " " + p.id());
        }
        System.out.println("not hung");
    }

    /** A local store whose deletions of index files, once armed, never return. */
    static final class HangingDeletes implements Backend {
        private final Backend delegate;
        volatile boolean armed;

        HangingDeletes(Backend delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean delete(Handle handle) throws IOException {
            if (armed && handle.type() == FileType.INDEX) {
                System.out.println("hanging " + handle.name());
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IOException("interrupted");
            }
            return delegate.delete(handle);
        }

        @Override
        public String location() {
            return delegate.location();
        }

        @Override
        public boolean create(Handle handle, byte[] data) throws IOException {
            return delegate.create(handle, data);
        }

        @Override
        public byte[] read(Handle handle) throws IOException {
            return delegate.read(handle);
        }

        @Override
        public byte[] read(Handle handle, long offset, int length) throws IOException {
            return delegate.read(handle, offset, length);
        }

        @Override
        public OptionalLong size(Handle handle) throws IOException {
            return delegate.size(handle);
        }

        @Override
        public List<String> list(FileType type) throws IOException {
            return delegate.list(type);
        }

        @Override
        public void removeTemporaries() throws IOException {
            delegate.removeTemporaries();
        }
    }
}
