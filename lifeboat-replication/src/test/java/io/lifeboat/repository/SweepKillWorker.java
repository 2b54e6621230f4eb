package io.lifeboat.repository;

import io.lifeboat.repository.backend.FaultInjectingBackend;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.LocalBackend;
import java.nio.file.Path;
import java.time.Duration;

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
        FaultInjectingBackend backend = new FaultInjectingBackend(new LocalBackend(Path.of(args[0])));
        Repository repo = Repository.open(backend, RepositoryOptions.defaults().withKeepNewest(1).withPruneGrace(Duration.ZERO));
        for (int v = 0; v < 3; v++) {
            if (v == 2) {
                backend.hangAtDeleteOf(FileType.INDEX, h -> System.out.println("hanging " + h.name()));
            }
            Thread.sleep(20); // the blocks of the point before are uploaded and confirmed before the cutoff
            PointInfo p = Fixtures.protect(repo, "m", version(v));
            System.out.println("committed " + v + " " + p.id());
        }
        System.out.println("not hung");
    }
}
