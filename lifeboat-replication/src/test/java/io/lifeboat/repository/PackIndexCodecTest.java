package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.tls.LifeboatException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/** The binary form of an {@code index/} file: every field round trips, and damage is refused by pack and offset. */
class PackIndexCodecTest {
    static final String PACK = "a1".repeat(32);

    record Listed(List<BlockId> ids, List<Pack.Location> locs) {
    }

    /** {@code n} blocks with every field varied: offsets past 4 GiB, lengths at their limits, both encodings. */
    static Listed blocks(int n, long seed) {
        Random r = new Random(seed);
        List<BlockId> ids = new ArrayList<>();
        List<Pack.Location> locs = new ArrayList<>();
        long offset = Pack.MAGIC.length;
        for (int i = 0; i < n; i++) {
            byte[] id = new byte[32];
            r.nextBytes(id);
            ids.add(BlockId.fromBytes(id));
            int stored = i == 1 ? Integer.MAX_VALUE : r.nextInt(1 << 20);
            int raw = i == 2 ? Integer.MAX_VALUE : r.nextInt(1 << 20);
            locs.add(new Pack.Location(PACK, offset, stored, raw, i % 2 == 0 ? BlockEncoding.RAW : BlockEncoding.ZSTD));
            offset += i == 3 ? 5L << 30 : Pack.HEADER + (long) stored;
        }
        return new Listed(ids, locs);
    }

    static void assertSame(PackIndex idx, Listed l) {
        assertThat(idx.pack()).isEqualTo(PACK);
        assertThat(idx.count()).isEqualTo(l.ids().size());
        assertThat(idx.ids()).isEqualTo(l.ids());
        assertThat(idx.locations()).isEqualTo(l.locs());
    }

    @Test
    void everyFieldOfManyBlocksRoundTrips() {
        Listed l = blocks(5000, 1);
        byte[] bytes = PackIndexCodec.encode(PACK, l.locs(), l.ids());
        assertThat(bytes).hasSize(6 + 4 + 2 + 64 + 5000 * PackIndexCodec.RECORD + 4);
        assertThat(PackIndexCodec.isBinary(bytes)).isTrue();
        PackIndex idx = PackIndexCodec.read(bytes, PACK);
        assertSame(idx, l);
        assertThat(idx.location(3).offset()).isLessThan(1L << 32);
        assertThat(idx.location(4).offset()).as("an offset past 4 GiB").isGreaterThan(1L << 32);
        assertThat(idx.location(1).stored()).isEqualTo(Integer.MAX_VALUE);
        assertThat(idx.location(2).raw()).isEqualTo(Integer.MAX_VALUE);
        assertThat(idx.location(1).encoding()).isEqualTo(BlockEncoding.ZSTD);
        assertThat(RepositoryFiles.index(bytes, PACK)).containsOnlyKeys(l.ids()).containsValues(l.locs().toArray(new Pack.Location[0]));
    }

    @Test
    void anEmptyPackAndAPackOfOneBlockRoundTrip() {
        Listed none = blocks(0, 2);
        byte[] empty = PackIndexCodec.encode(PACK, none.locs(), none.ids());
        assertSame(PackIndexCodec.read(empty, PACK), none);
        Listed one = blocks(1, 3);
        assertSame(PackIndexCodec.read(PackIndexCodec.encode(PACK, one.locs(), one.ids()), PACK), one);
    }

    @Test
    void theJsonFormOfOlderVaultsReadsToTheSameIndex() {
        Listed l = blocks(300, 4);
        byte[] json = OldIndexFiles.json(PACK, l.locs(), l.ids());
        assertThat(PackIndexCodec.isBinary(json)).isFalse();
        assertSame(PackIndexCodec.read(json, PACK), l);
        assertThat(RepositoryFiles.index(json, PACK)).isEqualTo(RepositoryFiles.index(PackIndexCodec.encode(PACK, l.locs(), l.ids()), PACK));
    }

    @Test
    void aJsonIndexWithABadBlockIsRefusedNamingThePackAndTheBlock() {
        String good = "{\"id\":\"" + "ab".repeat(32) + "\",\"offset\":0,\"stored\":5,\"raw\":5,\"encoding\":\"RAW\"}";
        for (String bad : List.of(good.replace("abab", "abXb"), good.replace("\"offset\":0", "\"offset\":\"zero\""),
                good.replace("RAW", "LZ4"), "7")) {
            byte[] json = ("{\"version\":1,\"pack\":\"" + PACK + "\",\"blocks\":[" + good + "," + bad + "]}").getBytes();
            assertThatThrownBy(() -> PackIndexCodec.read(json, PACK)).as(bad).isInstanceOf(LifeboatException.class)
                    .hasMessageStartingWith("index " + PACK + ": block 1: ");
        }
    }

    @Test
    void aTruncatedIndexIsRefusedNamingThePackAndWhereItEnds() {
        Listed l = blocks(10, 5);
        byte[] bytes = PackIndexCodec.encode(PACK, l.locs(), l.ids());
        int records = 6 + 4 + 2 + 64;
        for (int cut : new int[] {3, 8, records + 3 * PackIndexCodec.RECORD + 7, bytes.length - 1}) {
            byte[] part = Arrays.copyOf(bytes, cut);
            assertThatThrownBy(() -> PackIndexCodec.read(part, PACK)).as("cut at %d", cut)
                    .isInstanceOf(LifeboatException.class).hasMessageContaining("index/" + PACK).hasMessageContaining("truncated");
        }
        byte[] mid = Arrays.copyOf(bytes, records + 3 * PackIndexCodec.RECORD + 7);
        assertThatThrownBy(() -> PackIndexCodec.read(mid, PACK))
                .hasMessageContaining("inside record 3 (which starts at offset " + (records + 3 * PackIndexCodec.RECORD) + ")");
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> PackIndexCodec.read(longer, PACK)).hasMessageContaining("index/" + PACK).hasMessageContaining("too long");
    }

    @Test
    void aFlippedBitAnywhereIsRefusedNamingThePack() {
        Listed l = blocks(4, 6);
        byte[] bytes = PackIndexCodec.encode(PACK, l.locs(), l.ids());
        for (int at = 0; at < bytes.length; at++) {
            byte[] bad = bytes.clone();
            bad[at] ^= 0x10;
            int where = at;
            assertThatThrownBy(() -> PackIndexCodec.read(bad, PACK)).as("bit flipped at %d", where)
                    .isInstanceOf(LifeboatException.class).hasMessageContaining(PACK);
        }
        byte[] inRecord = bytes.clone();
        inRecord[6 + 4 + 2 + 64 + 40] ^= 1; // the stored length of the first record
        assertThatThrownBy(() -> PackIndexCodec.read(inRecord, PACK))
                .hasMessageContaining("damaged: the CRC-32C at offset " + (bytes.length - 4));
    }

    @Test
    void aRecordOutOfRangeUnderAGoodChecksumIsRefusedNamingItsOffset() {
        Listed l = blocks(3, 7);
        byte[] bytes = PackIndexCodec.encode(PACK, l.locs(), l.ids());
        int second = 6 + 4 + 2 + 64 + PackIndexCodec.RECORD;
        bytes[second + 48] = 7; // encoding 7
        resealed(bytes);
        assertThatThrownBy(() -> PackIndexCodec.read(bytes, PACK))
                .hasMessageContaining("index/" + PACK + ": record 1 at offset " + second).hasMessageContaining("encoding 7");
    }

    @Test
    void anIndexOfAnotherPackOrANewerVersionIsRefused() {
        Listed l = blocks(2, 8);
        byte[] bytes = PackIndexCodec.encode(PACK, l.locs(), l.ids());
        assertThatThrownBy(() -> PackIndexCodec.read(bytes, "b2".repeat(32))).hasMessageContaining("describes another pack: " + PACK);
        byte[] newer = bytes.clone();
        newer[5] = 2;
        assertThatThrownBy(() -> PackIndexCodec.read(newer, PACK))
                .hasMessageContaining("binary index format version 2 at offset 5; this Lifeboat reads version 1");
    }

    /** Recomputes the trailing CRC-32C, as a writer with a bug would have. */
    static void resealed(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        ByteBuffer.wrap(bytes).putInt(bytes.length - 4, (int) crc.getValue());
    }
}
