package io.lifeboat.repository;

import io.lifeboat.repository.Fixtures.Cut;
import io.lifeboat.repository.backend.LocalBackend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A vault stand-in for {@link KillNineTest}, run in its own JVM: protects version after version of an
 * image forever, in small batches, printing "stored N" after each acknowledged batch and
 * "committed N ID" after each acknowledged point, until it is killed.
 */
public final class KillNineWorker {
    static final int BS = 16 << 10;

    private KillNineWorker() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        try (Repository repo = Repository.open(new LocalBackend(dir),
                RepositoryOptions.defaults().withKeepNewest(2).withPackTargetBytes(4 * BS))) {
            for (int v = 0; ; v++) {
                Cut cut = version(v);
                List<BlockUpload> send = new ArrayList<>();
                var missing = repo.missing("m", cut.uploads().keySet());
                cut.uploads().values().stream().filter(u -> missing.contains(u.id())).forEach(send::add);
                for (int i = 0; i < send.size(); i += 3) {
                    List<BlockUpload> batch = send.subList(i, Math.min(send.size(), i + 3));
                    repo.putBlocks("m", batch);
                    for (BlockUpload u : batch) {
                        System.out.println("stored " + u.id());
                    }
                }
                PointInfo p = repo.commitPoint("m", cut.manifest(), Fixtures.META);
                System.out.println("committed " + v + " " + p.id());
            }
        }
    }

    /** Version v of a 64-block image: a quarter of it changes from one version to the next. */
    static Cut version(int v) {
        byte[] img = Fixtures.image(1000, 64, BS);
        for (int k = 1; k <= v; k++) {
            int at = (k * 17 % 48) * BS;
            System.arraycopy(Fixtures.random(k, 16 * BS), 0, img, at, 16 * BS);
        }
        return Fixtures.cutImage(img, BS, SourceKind.IMAGE);
    }
}
