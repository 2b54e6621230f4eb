package io.lifeboat.repository;

import io.lifeboat.repository.backend.LocalBackend;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A serving vault stand-in for {@link ReadersBesideAWriterTest}, in its own JVM: commits version
 * after version of an image (a quarter changes each time, in packs of four blocks, keeping two
 * points, no grace), so nearly every commit drops packs and repacks others, and runs the operator's
 * prune every third commit. Prints "committed N" after each commit, until killed or N reaches args[1].
 */
public final class CommitPruneWorker {
    private CommitPruneWorker() {
    }

    public static void main(String[] args) {
        int last = Integer.parseInt(args[1]);
        try (Repository repo = Repository.open(new LocalBackend(Path.of(args[0])), RepositoryOptions.defaults()
                .withKeepNewest(2).withPackTargetBytes(4 * KillNineWorker.BS).withPruneGrace(Duration.ZERO))) {
            for (int v = 0; v <= last; v++) {
                Fixtures.protect(repo, "m", KillNineWorker.version(v));
                if (v % 3 == 2) {
                    repo.prune(PruneRequest.byPolicy(false));
                }
                System.out.println("committed " + v);
                System.out.flush();
            }
        }
    }
}
