package io.lifeboat.agent.protect;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.replication.protocol.ReplicationPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A tree's records across passes: written whole or as a segment of what changed, and a torn segment. */
class TreeRecordsTest extends TreeHarness {
    @Test
    void aTreeWhereEveryFileChangesIsRecordedWholeAndTheNextPassKeepsAll() throws Exception {
        Path src = tree();
        Path dir = tmp.resolve("known");
        KnownBlocksStore records = KnownBlocksStore.in(dir, KEY);
        protect(src, records, ProtectListener.NONE);
        try (Stream<Path> s = Files.walk(src)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                rewriteKeepingSizeAndMtime(f);
            }
        }
        settle();
        ProtectResult all = protect(src, records, ProtectListener.NONE);
        assertThat(all.filesKept()).isZero();
        assertThat(segments(dir, src)).as("every entry changed: written whole").isZero();
        ProtectResult next = protect(src, records, ProtectListener.NONE);
        assertThat(next.filesKept()).isEqualTo(41);
        assertThat(next.sentAsDelta()).isTrue();
        assertThat(restored(next, "all")).isEqualTo(describe(src));
    }

    @Test
    void removedAndRenamedFilesGoInASegmentAndTheNextPassKeepsTheRest() throws Exception {
        Path src = tree();
        Path dir = tmp.resolve("known");
        KnownBlocksStore records = KnownBlocksStore.in(dir, KEY);
        protect(src, records, ProtectListener.NONE);
        Files.delete(src.resolve("d3/f3.bin"));
        Files.move(src.resolve("d0/f0.bin"), src.resolve("d1/renamed.bin"));
        Files.delete(src.resolve("link"));
        settle();
        ProtectResult second = protect(src, records, ProtectListener.NONE);
        assertThat(second.filesKept()).as("all but the renamed file").isEqualTo(39);
        assertThat(segments(dir, src)).isEqualTo(1);
        ProtectResult third = protect(src, records, ProtectListener.NONE);
        assertThat(segments(dir, src)).isEqualTo(2);
        assertThat(third.filesKept()).isEqualTo(40);
        assertThat(third.sentAsDelta()).isTrue();
        assertThat(third.blocksSent()).isZero();
        assertThat(restored(third, "renamed")).isEqualTo(describe(src));
    }

    @Test
    void anEmptiedTreeIsRecordedWhole() throws Exception {
        Path src = tree();
        Path dir = tmp.resolve("known");
        KnownBlocksStore records = KnownBlocksStore.in(dir, KEY);
        protect(src, records, ProtectListener.NONE);
        try (Stream<Path> s = Files.walk(src)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!p.equals(src)) {
                    Files.delete(p);
                }
            }
        }
        ProtectResult empty = protect(src, records, ProtectListener.NONE);
        assertThat(segments(dir, src)).isZero();
        assertThat(restored(empty, "empty")).isEqualTo(describe(src));
        ProtectResult again = protect(src, records, ProtectListener.NONE);
        assertThat(again.sentAsDelta()).isTrue();
        assertThat(segments(dir, src)).as("a segment would pass a quarter of so small a base").isZero();
        assertThat(restored(again, "again")).isEqualTo(describe(src));
    }

    /**
     * A crash while the records' segments were appended leaves them at the point before the
     * vault's last one: the agent uses that older point as it always used a record a crash left
     * behind its last commit. Its stamps keep the files that did not change since it; the changed
     * file is read, its block found stored; the delta names the older point, which the vault builds on.
     */
    @Test
    void aTornSegmentLeavesThePointBeforeTheVaultsLastWhichStillServes() throws Exception {
        Path src = tree();
        Path dir = tmp.resolve("known");
        KnownBlocksStore records = KnownBlocksStore.in(dir, KEY);
        ProtectResult first = protect(src, records, ProtectListener.NONE);
        Path known;
        try (Stream<Path> s = Files.list(dir)) {
            known = s.filter(p -> p.toString().endsWith(".known")).findFirst().orElseThrow();
        }
        Path last = lastPointRecord(dir);
        long knownBase = Files.size(known);
        long lastBase = Files.size(last);
        rewriteKeepingSizeAndMtime(src.resolve("d2/f2.bin"));
        settle();
        ProtectResult second = protect(src, records, ProtectListener.NONE);
        assertThat(second.sentAsDelta()).isTrue();
        assertThat(segments(dir, src)).isEqualTo(1);
        // the crash: both appends cut short, the second point committed in the vault all the same
        try (var ch = java.nio.channels.FileChannel.open(known, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate((knownBase + ch.size()) / 2);
        }
        try (var ch = java.nio.channels.FileChannel.open(last, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate((lastBase + ch.size()) / 2);
        }
        List<String> notices = new java.util.concurrent.CopyOnWriteArrayList<>();
        ProtectResult third = protect(src, records, noticesInto(notices));
        assertThat(notices).hasSize(2).allSatisfy(n -> assertThat(n).contains("torn segment"));
        assertThat(third.filesKept()).as("all but the file changed since the first point").isEqualTo(40);
        assertThat(third.blocksSent()).as("its new block is stored since the second").isZero();
        assertThat(third.sentAsDelta()).as("a delta of the first point").isTrue();
        List<VaultTransport.Request> deltas = transport.log().stream()
                .filter(q -> ReplicationPaths.DELTA_COMMIT.equals(q.contentType())).toList();
        assertThat(new String(deltas.get(deltas.size() - 1).body(), java.nio.charset.StandardCharsets.UTF_8))
                .as("the delta names the first point as its parent").contains(first.point().id());
        assertThat(restored(third, "third")).isEqualTo(describe(src));
        assertThat(segments(dir, src)).as("appended over the torn tail").isEqualTo(1);
        assertThat(protect(src, records, ProtectListener.NONE).filesKept()).isEqualTo(41);
    }

    /** How many segments follow the base of the last-point record in {@code dir} (the one source's). */
    static int segments(Path dir, Path src) throws IOException {
        Path last = lastPointRecord(dir);
        try (var in = Files.newInputStream(last)) {
            return LastPointCodec.readAppended(in, Files.size(last), src.toString(), 32768).extent().segments();
        }
    }
}
