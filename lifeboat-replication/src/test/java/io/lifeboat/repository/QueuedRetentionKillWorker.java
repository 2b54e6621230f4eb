package io.lifeboat.repository;

import io.lifeboat.repository.backend.LocalBackend;
import java.nio.file.Path;

/**
 * A vault stand-in for {@link QueuedRetentionKillTest}, run in its own JVM: commits three versions of
 * an image with {@link RetentionTiming#QUEUED} retention under keep-newest 1, printing "committed N
 * ID" as each commit returns (what the vault answers), then "done", and waits to be killed. Its
 * retention thread never gets past the policy: the kill comes between the answers and retention.
 */
public final class QueuedRetentionKillWorker {
    private QueuedRetentionKillWorker() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path dir = Path.of(args[0]);
        StoragePolicy keepOne = RepositoryOptions.defaults().withKeepNewest(1).policy().get();
        RepositoryOptions options = RepositoryOptions.defaults().withPolicy(() -> {
            if (Thread.currentThread().getName().equals("lifeboat-retention")) {
                sleepForever();
            }
            return keepOne;
        });
        Repository repo = Repository.open(new LocalBackend(dir), options);
        for (int v = 0; v < 3; v++) {
            Fixtures.Cut cut = KillNineWorker.version(v);
            var missing = repo.missing("m", cut.uploads().keySet());
            repo.putBlocks("m", cut.uploads().values().stream().filter(u -> missing.contains(u.id())).toList());
            PointInfo p = repo.commitPoint("m", cut.manifest(), Fixtures.META, RetentionTiming.QUEUED);
            System.out.println("committed " + v + " " + p.id());
        }
        System.out.println("done");
        sleepForever();
    }

    private static void sleepForever() {
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
