package io.lifeboat.agent.protect;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.repository.BlockRef;
import io.lifeboat.repository.Entry;
import io.lifeboat.repository.Repository;
import io.lifeboat.repository.RepositoryOptions;
import io.lifeboat.repository.backend.MemoryBackend;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A protector with its record of the last point: what it hashes, asks about and sends, and a record it cannot trust. */
class ProtectorRecordsTest extends ProtectorHarness {
    @Test
    void withARecordOfTheLastPointOnlyChangedBlocksAreHashedAskedAboutAndSent() throws IOException {
        byte[] data = image(8 << 20, 11); // 128 random blocks, 128 zero blocks
        Path img = tmp.resolve("disk.img");
        Files.write(img, data);
        KnownBlocksStore records = KnownBlocksStore.in(tmp.resolve("known"), KEY);
        ProtectResult first = protect(transport, img, ProtectListener.NONE, records);
        assertThat(first.blocksSent()).isEqualTo(128);
        int asked = idsAskedAbout();
        assertThat(asked).isGreaterThanOrEqualTo(128);

        ProtectResult same = protect(transport, img, ProtectListener.NONE, records);
        assertThat(idsAskedAbout()).as("nothing changed: nothing to ask about").isEqualTo(asked);
        assertThat(same.blocksSent()).isZero();
        assertThat(same.blocksPresent()).isEqualTo(128);
        assertThat(manifestOf(same).entries()).isEqualTo(manifestOf(first).entries());

        // one byte in block 5, a 4 KiB write across blocks 60/61, and block 200 (zero until now)
        data[5 * 32768 + 7] ^= 1;
        byte[] piece = new byte[4096];
        new Random(4).nextBytes(piece);
        System.arraycopy(piece, 0, data, 61 * 32768 - 2048, piece.length);
        data[200 * 32768] = 9;
        Files.write(img, data);
        ProtectResult changed = protect(transport, img, ProtectListener.NONE, records);
        assertThat(idsAskedAbout() - asked).as("only the 4 changed blocks are asked about").isEqualTo(4);
        assertThat(changed.blocksSent()).isEqualTo(4);
        assertThat(restore(manifestOf(changed).entries().get(0))).isEqualTo(data);
    }

    /**
     * Changes built to slip past a fingerprint: the CRC-32 x CRC-32C product XORed into a block
     * (which kept the old CRC pair, so the old agent kept the old block), two blocks swapped, a
     * block replaced by a copy of another. Each is seen, hashed and asked about; new content is sent.
     */
    @Test
    void craftedChangesAreSeenSentAndRestoredAsTheSourceHoldsThem() throws IOException {
        int bs = 32 * 1024;
        byte[] data = image(4 << 20, 21); // 64 random blocks, 64 zero blocks
        Path img = tmp.resolve("disk.img");
        Files.write(img, data);
        KnownBlocksStore records = KnownBlocksStore.in(tmp.resolve("known"), KEY);
        protect(transport, img, ProtectListener.NONE, records);
        int asked = idsAskedAbout();

        long crc32 = CrcForgery.crc32(data, 3 * bs, bs);
        long crc32c = CrcForgery.crc32c(data, 3 * bs, bs);
        CrcForgery.apply(data, 3 * bs + 1001);
        assertThat(CrcForgery.crc32(data, 3 * bs, bs)).as("the old fingerprint's CRC-32 is fooled").isEqualTo(crc32);
        assertThat(CrcForgery.crc32c(data, 3 * bs, bs)).as("and its CRC-32C").isEqualTo(crc32c);
        CrcForgery.apply(data, 10 * bs - CrcForgery.PATTERN_BYTES); // the last bytes of block 9
        byte[] b20 = java.util.Arrays.copyOfRange(data, 20 * bs, 21 * bs);
        System.arraycopy(data, 21 * bs, data, 20 * bs, bs);
        System.arraycopy(b20, 0, data, 21 * bs, bs);
        System.arraycopy(data, 31 * bs, data, 30 * bs, bs);
        Files.write(img, data);

        ProtectResult changed = protect(transport, img, ProtectListener.NONE, records);
        assertThat(idsAskedAbout() - asked).as("blocks 3, 9, 20, 21 and 30 asked about").isEqualTo(5);
        assertThat(changed.blocksSent()).as("the two forged blocks: the others' content is stored").isEqualTo(2);
        assertThat(restore(manifestOf(changed).entries().get(0))).isEqualTo(data);
    }

    @Test
    void aRecordTheVaultCannotHonourIsDroppedAndThePassRunsAgainHashingEverything() throws IOException {
        byte[] data = image(4 << 20, 12);
        Path img = tmp.resolve("disk.img");
        Files.write(img, data);
        KnownBlocksStore records = KnownBlocksStore.in(tmp.resolve("known"), KEY);
        protect(transport, img, ProtectListener.NONE, records);

        // the agent now talks to an empty vault: every id in its record is unknown there
        try (Repository other = Repository.open(new MemoryBackend(), RepositoryOptions.defaults())) {
            Notices notices = new Notices();
            ProtectResult r = protect(new InProcessTransport(other, M), img, notices, records);
            assertThat(r.blocksSent()).isEqualTo(64);
            // first the delta is refused (that vault has no such parent) and the whole manifest sent instead
            assertThat(notices.messages).hasSize(2);
            assertThat(notices.messages.get(0)).contains("unknown_parent").contains("sending the whole manifest");
            assertThat(notices.messages.get(1))
                    .contains("vault refused a point built on the record").contains("hashing every block");
            Entry e = other.manifest(M, r.point().id()).entries().get(0);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (BlockRef b : e.blocks()) {
                out.writeBytes(b.isZero() ? new byte[b.length()] : other.readBlock(M, b.id()));
            }
            assertThat(out.toByteArray()).isEqualTo(data);
        }
    }

    @Test
    void aDamagedRecordIsReportedAndIgnored() throws IOException {
        byte[] data = image(4 << 20, 13);
        Path img = tmp.resolve("disk.img");
        Files.write(img, data);
        Path dir = tmp.resolve("known");
        KnownBlocksStore records = KnownBlocksStore.in(dir, KEY);
        ProtectResult first = protect(transport, img, ProtectListener.NONE, records);
        Path record;
        try (var files = Files.list(dir)) {
            record = files.filter(p -> p.toString().endsWith(".known")).findFirst().orElseThrow();
        }
        byte[] b = Files.readAllBytes(record);
        b[b.length / 2] ^= 0x40;
        Files.write(record, b);

        int asked = idsAskedAbout();
        Notices notices = new Notices();
        ProtectResult again = protect(transport, img, notices, records);
        assertThat(notices.messages).singleElement().asString()
                .contains(record.toString()).contains("checksum mismatch").contains("hashing every block");
        assertThat(idsAskedAbout() - asked).as("every non-zero block hashed and asked about").isEqualTo(64);
        assertThat(again.blocksSent()).isZero();
        assertThat(manifestOf(again).entries()).isEqualTo(manifestOf(first).entries());
        assertThat(Files.readAllBytes(record)).as("rewritten after the commit").isNotEqualTo(b);
    }
}
