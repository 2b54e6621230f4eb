package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.repository.backend.Backend;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import io.lifeboat.repository.backend.LocalBackend;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An open reads the ownership records on a thread of its own while the opening thread reads the
 * index ({@code RepositoryLoader}): both tables are whole when the open returns, however slowly the
 * ownership records arrive, and a failure to read them still fails the open, naming the cause.
 */
class OwnershipBesideIndexTest {
    static final int BS = 64 << 10;

    @TempDir
    Path tmp;

    Path repoDir;
    Set<BlockId> stored;

    @BeforeEach
    void protectOneMachine() {
        repoDir = tmp.resolve("vault/repo");
        Fixtures.Cut cut = Fixtures.cutImage(Fixtures.image(31, 24, BS), BS, SourceKind.IMAGE);
        try (Repository repo = Repository.open(new LocalBackend(repoDir), RepositoryOptions.defaults())) {
            Fixtures.protect(repo, "db-1", cut);
        }
        stored = cut.uploads().keySet();
        assertThat(stored).hasSizeGreaterThan(10);
    }

    @Test
    void slowOwnershipRecordsAreLoadedBesideTheIndexAndWholeWhenTheOpenReturns() throws Exception {
        CountDownLatch indexRead = new CountDownLatch(1);
        Map<FileType, Set<Thread>> readers = new ConcurrentHashMap<>();
        Backend slow = new Delegating(new LocalBackend(repoDir)) {
            @Override
            public byte[] read(Handle handle) throws IOException {
                readers.computeIfAbsent(handle.type(), t -> ConcurrentHashMap.newKeySet()).add(Thread.currentThread());
                if (handle.type() == FileType.INDEX) {
                    indexRead.countDown();
                } else if (handle.type() == FileType.MACHINES) {
                    try {
                        // read beside the index: the index is read while this waits (serially it never would be)
                        assertThat(indexRead.await(10, TimeUnit.SECONDS)).as("the index read meanwhile").isTrue();
                        Thread.sleep(300); // and the records still arrive after the index is loaded
                    } catch (InterruptedException e) {
                        throw new IOException(e);
                    }
                }
                return super.read(handle);
            }
        };
        try (Repository repo = Repository.open(slow, RepositoryOptions.readOnlyDefaults())) {
            for (BlockId id : stored) {
                assertThat(repo.blocks.owned.owns("db-1", id)).as("owned at open: " + id).isTrue();
                assertThat(repo.blocks.index.contains(id)).as("indexed at open: " + id).isTrue();
            }
        }
        assertThat(readers.get(FileType.MACHINES)).doesNotContain(Thread.currentThread());
    }

    @Test
    void anOwnershipRecordThatCannotBeReadFailsTheOpenNamingWhy() {
        Backend failing = new Delegating(new LocalBackend(repoDir)) {
            @Override
            public byte[] read(Handle handle) throws IOException {
                if (handle.type() == FileType.MACHINES) {
                    throw new IOException("Input/output error reading " + handle.name());
                }
                return super.read(handle);
            }
        };
        assertThatThrownBy(() -> Repository.open(failing, RepositoryOptions.readOnlyDefaults()))
                .isInstanceOf(RepositoryException.class)
                .hasMessageContaining("cannot open the repository")
                .hasMessageContaining("Input/output error reading db-1/");
    }

    /** A store that passes every call on to another; the tests override what they break. */
    static class Delegating implements Backend {
        final Backend delegate;

        Delegating(Backend delegate) {
            this.delegate = delegate;
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
        public boolean delete(Handle handle) throws IOException {
            return delegate.delete(handle);
        }
    }
}
