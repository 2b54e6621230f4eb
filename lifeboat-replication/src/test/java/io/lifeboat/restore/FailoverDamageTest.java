package io.lifeboat.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.repository.BlockRef;
import io.lifeboat.repository.Fixtures;
import io.lifeboat.repository.Fixtures.Cut;
import io.lifeboat.repository.IntegrityException;
import io.lifeboat.repository.Repository;
import io.lifeboat.repository.RepositoryOptions;
import io.lifeboat.repository.SourceKind;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import io.lifeboat.repository.backend.LocalBackend;
import io.lifeboat.repository.backend.ReadOnlyBackend;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failover over damage in a pack (on the one-copy path: blocks checked and hashed as they are
 * placed in the group's buffer): a flipped byte in a raw body, a bad zstd frame, a wrong record
 * header. Each fails the failover naming the block, its pack and the record's offset; nothing is
 * reported done and no target appears.
 */
class FailoverDamageTest {
    static final int BS = 32 << 10;
    /** Three groups of 256 blocks: the damage lies in the second, read ahead while the first is written. */
    static final int BLOCKS = 3 * FileWriter.GROUP_BLOCKS;

    @TempDir
    Path tmp;

    enum Damage {
        /** A byte in the middle of a raw body. */
        RAW_BODY,
        /** The zstd frame's magic number. */
        ZSTD_FRAME,
        /** The record header's stored length. */
        RECORD_HEADER
    }

    @Test
    void aFlippedByteInARawBodyStopsTheFailoverNamingThePackAndOffset() throws Exception {
        expectStopped(Damage.RAW_BODY, "SHA-256 of its " + BS + " bytes");
    }

    @Test
    void aBadZstdFrameStopsTheFailoverNamingThePackAndOffset() throws Exception {
        expectStopped(Damage.ZSTD_FRAME, "not a valid zstd frame");
    }

    @Test
    void aWrongRecordHeaderStopsTheFailoverNamingThePackAndOffset() throws Exception {
        expectStopped(Damage.RECORD_HEADER, "does not describe this block");
    }

    void expectStopped(Damage damage, String what) throws Exception {
        byte[] image = Fixtures.random(41, BLOCKS * BS);
        for (int i = 0; i < BLOCKS; i += 4) { // every fourth block compresses: stored as zstd
            Arrays.fill(image, i * BS, i * BS + BS / 2, (byte) 'a');
        }
        Cut cut = Fixtures.cutImage(image, BS, SourceKind.IMAGE);
        Path repoDir = tmp.resolve("vault/repo");
        try (Repository repo = Repository.open(new LocalBackend(repoDir), RepositoryOptions.defaults())) {
            Fixtures.protect(repo, "db-1", cut);
        }
        int victimIndex = FileWriter.GROUP_BLOCKS + 41 - (damage == Damage.ZSTD_FRAME ? 1 : 0); // 296 (zstd) or 297 (raw)
        BlockRef victim = cut.manifest().entries().get(0).blocks().get(victimIndex);
        LocalBackend local = new LocalBackend(repoDir);
        String pack = null;
        long record = -1;
        for (String name : local.list(FileType.DATA)) {
            byte[] bytes = Files.readAllBytes(local.path(new Handle(FileType.DATA, name)));
            int at = Fixtures.indexOf(bytes, victim.id().toBytes());
            if (at >= 0) {
                pack = name;
                record = at;
            }
        }
        assertThat(pack).as("the victim's pack").isNotNull();
        long flipAt = record + switch (damage) {
            case RAW_BODY -> 41 + 1000;
            case ZSTD_FRAME -> 41 + 1;
            case RECORD_HEADER -> 41 - 1;
        };
        try (RandomAccessFile raf = new RandomAccessFile(local.path(new Handle(FileType.DATA, pack)).toFile(), "rw")) {
            raf.seek(flipAt);
            int b = raf.read();
            raf.seek(flipAt);
            raf.write(b ^ 0x01);
        }

        AtomicBoolean done = new AtomicBoolean();
        RestoreListener listener = new RestoreListener() {
            @Override
            public void done(RestoreResult result) {
                done.set(true);
            }
        };
        Path target = tmp.resolve("never.img");
        String packName = pack;
        long recordAt = record;
        try (Repository repo = Repository.open(new ReadOnlyBackend(new LocalBackend(repoDir)), RepositoryOptions.readOnlyDefaults())) {
            assertThatThrownBy(() -> new Failover(repo, listener).run("db-1", "latest", target, FailoverOptions.DEFAULT))
                    .isInstanceOf(IntegrityException.class)
                    .hasMessageContaining("block " + victim.id() + " in data/" + packName)
                    .hasMessageContaining("offset " + recordAt)
                    .hasMessageContaining(what)
                    .hasMessageContaining("stopped before writing it");
        }
        assertThat(done).as("reported done").isFalse();
        assertThat(target).doesNotExist();
        try (Stream<Path> s = Files.list(tmp)) {
            assertThat(s.filter(p -> p.getFileName().toString().contains("partial"))).isEmpty();
        }
    }
}
