package io.lifeboat.repository;

import io.lifeboat.repository.backend.LocalBackend;
import java.io.IOException;
import java.nio.file.Path;

/**
 * For {@link RepositoryLockTest}, in its own JVM: opens the repository for writing, prints
 * "locked PID", then waits for a line on standard input (or to be killed) before closing.
 */
public final class LockHolderWorker {
    private LockHolderWorker() {
    }

    public static void main(String[] args) throws IOException {
        try (Repository repo = Repository.open(new LocalBackend(Path.of(args[0])), RepositoryOptions.defaults())) {
            System.out.println("locked " + ProcessHandle.current().pid());
            System.out.flush();
            System.in.read();
        }
    }
}
