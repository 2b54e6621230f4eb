package io.lifeboat.vault.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import io.lifeboat.replication.protocol.BlockBatchCodec;
import io.lifeboat.replication.protocol.BlockBatchParser;
import io.lifeboat.replication.protocol.EncodedBlock;
import io.lifeboat.replication.protocol.WireFormatException;
import io.lifeboat.repository.BlockEncoding;
import io.lifeboat.repository.BlockId;
import io.lifeboat.repository.BlockReceiver;
import io.lifeboat.repository.IntegrityException;
import io.lifeboat.repository.Repository;
import io.lifeboat.repository.RepositoryOptions;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import io.lifeboat.repository.backend.LocalBackend;
import io.lifeboat.repository.backend.MemoryBackend;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vault's receive path at the byte level, without a socket: a batch arrives in buffers outside
 * the heap (as netty hands them over), the parser copies each new block into the pack laid out in
 * an aligned buffer outside the heap, the receiver checks every block against its SHA-256 and only
 * then stores the pack (written with O_DIRECT from that same buffer on a local folder). Raw and
 * zstd blocks, a split at every offset, and the refusals: a truncated body, a wrong hash, a zstd
 * body that does not inflate, each with a clear error and nothing stored.
 */
class ReceivePathTest {
    @TempDir
    Path dir;

    private static byte[] random(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    private static EncodedBlock raw(byte[] b) {
        return new EncodedBlock(BlockId.of(b), BlockEncoding.RAW, b.length, b);
    }

    private static EncodedBlock zstd(byte[] b) {
        return new EncodedBlock(BlockId.of(b), BlockEncoding.ZSTD, b.length, Zstd.compress(b));
    }

    /** A raw block, a zstd block and a tiny raw block, all new for each seed. */
    private static List<EncodedBlock> mixed(long seed) {
        Random r = new Random(seed);
        byte[] text = ("seed " + seed + " compresses well; ").repeat(120).getBytes();
        return List.of(raw(random(r, 700)), zstd(text), raw(random(r, 3)));
    }

    /** Feeds {@code wire} to a receiver in direct buffers cut at {@code cuts}, then ends it. */
    private static BlockReceiver.Receipt receive(Repository repo, String machine, byte[] wire, int... cuts) {
        ByteBuffer direct = ByteBuffer.allocateDirect(wire.length).put(wire).flip();
        try (BlockReceiver receiver = repo.receiver(machine, wire.length)) {
            BlockBatchParser parser = new BlockBatchParser(ReplicationService.sink(receiver));
            int from = 0;
            for (int cut : cuts) {
                parser.feed(direct.slice(from, cut - from));
                from = cut;
            }
            parser.feed(direct.slice(from, wire.length - from));
            parser.end();
            return receiver.finish();
        }
    }

    private static void assertStored(Repository repo, String machine, List<EncodedBlock> blocks, String what) {
        List<BlockId> ids = blocks.stream().map(EncodedBlock::id).toList();
        assertThat(repo.missing(machine, ids)).as(what).isEmpty();
        List<byte[]> back = repo.readBlocks(machine, ids);
        for (int i = 0; i < blocks.size(); i++) {
            EncodedBlock b = blocks.get(i);
            byte[] want = b.encoding() == BlockEncoding.RAW ? Arrays.copyOfRange(b.data(), b.offset(), b.offset() + b.length())
                    : Zstd.decompress(Arrays.copyOfRange(b.data(), b.offset(), b.offset() + b.length()), b.rawLength());
            assertThat(back.get(i)).as("%s, block %d", what, i).isEqualTo(want);
        }
    }

    @Test
    void aBatchSplitInTwoAtEveryOffsetIsStoredIntact() {
        try (Repository repo = Repository.open(new MemoryBackend(), RepositoryOptions.defaults())) {
            int length = BlockBatchCodec.encode(mixed(0)).length;
            for (int cut = 0; cut <= length; cut++) {
                List<EncodedBlock> blocks = mixed(cut); // new blocks each time: each goes into a new pack
                byte[] wire = BlockBatchCodec.encode(blocks);
                int at = Math.min(cut, wire.length);
                assertThat(receive(repo, "m", wire, at)).as("split at %d", at).isEqualTo(new BlockReceiver.Receipt(3, 0));
                assertStored(repo, "m", blocks, "split at " + at);
            }
        }
    }

    /** A pack large enough for O_DIRECT, written from the buffer it was received in, reads back intact. */
    @Test
    void aLargePackIsWrittenFromTheBufferItWasReceivedIn() throws Exception {
        Random r = new Random(11);
        List<EncodedBlock> blocks = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            blocks.add(i % 4 == 3 ? zstd(("block " + i + " ").repeat(4000).getBytes()) : raw(random(r, 32 * 1024)));
        }
        blocks.add(raw(random(r, 1234))); // a short last block: the pack's length is not a multiple of 4 KiB
        byte[] wire = BlockBatchCodec.encode(blocks);
        int firstBody = 8 + 41;
        for (int cut : new int[] {5, firstBody + 1, firstBody + 32 * 1024, wire.length / 2, wire.length - 1}) {
            Path root = dir.resolve("cut-" + cut);
            LocalBackend backend = new LocalBackend(root);
            try (Repository repo = Repository.open(backend, RepositoryOptions.defaults())) {
                assertThat(receive(repo, "m", wire, cut)).isEqualTo(new BlockReceiver.Receipt(blocks.size(), 0));
                assertStored(repo, "m", blocks, "split at " + cut);
            } // closing syncs and publishes the staged pack
            List<String> packs = backend.list(FileType.DATA);
            assertThat(packs).as("one pack").hasSize(1);
            long expected = 8 + blocks.stream().mapToLong(b -> 41 + b.length()).sum();
            assertThat(Files.size(backend.path(new Handle(FileType.DATA, packs.get(0))))).isEqualTo(expected);
            try (Repository repo = Repository.open(new LocalBackend(root), RepositoryOptions.defaults())) {
                assertStored(repo, "m", blocks, "reopened, split at " + cut);
                assertThat(repo.verify(java.util.Optional.empty()).ok()).isTrue();
            }
        }
    }

    /**
     * An upload of unknown length starts with a pack buffer of the pack target; blocks that do not fit
     * move what is laid out into a larger buffer, and every block is still there, intact.
     */
    @Test
    void aPackThatOutgrowsItsBufferKeepsEveryBlock() {
        Random r = new Random(5);
        List<EncodedBlock> blocks = new ArrayList<>();
        // the buffer holds 8 KiB (4 KiB target + slack, rounded up to 4 KiB): the 7000-, 9000- and
        // 12000-byte blocks each arrive behind others that are already laid out in it
        for (int size : new int[] {1000, 2000, 7000, 300, -1, 9000, 500, 12000}) {
            blocks.add(size < 0 ? zstd("grow ".repeat(900).getBytes()) : raw(random(r, size)));
        }
        byte[] wire = BlockBatchCodec.encode(blocks);
        ByteBuffer direct = ByteBuffer.allocateDirect(wire.length).put(wire).flip();
        try (Repository repo = Repository.open(new MemoryBackend(), RepositoryOptions.defaults().withPackTargetBytes(4096))) {
            try (BlockReceiver receiver = repo.receiver("m", -1)) { // no Content-Length: sized by the pack target
                BlockBatchParser parser = new BlockBatchParser(ReplicationService.sink(receiver));
                for (int at = 0; at < wire.length; at += 1500) {
                    parser.feed(direct.slice(at, Math.min(1500, wire.length - at)));
                }
                parser.end();
                assertThat(receiver.finish()).isEqualTo(new BlockReceiver.Receipt(blocks.size(), 0));
            }
            assertStored(repo, "m", blocks, "grown packs");
        }
    }

    @Test
    void aTruncatedBodyIsRefusedNamingTheBlockAndStoresNothing() throws Exception {
        List<EncodedBlock> blocks = mixed(1);
        byte[] wire = BlockBatchCodec.encode(blocks);
        LocalBackend backend = new LocalBackend(dir);
        try (Repository repo = Repository.open(backend, RepositoryOptions.defaults())) {
            byte[] cut = Arrays.copyOf(wire, wire.length - 2);
            assertThatThrownBy(() -> receive(repo, "m", cut, cut.length / 2)).isInstanceOf(WireFormatException.class)
                    .hasMessageContaining("block 3 of 3").hasMessageContaining("truncated upload");
            assertNothingStored(repo, backend, blocks);
            assertThat(receive(repo, "m", wire)).as("the next upload is received as usual").isEqualTo(new BlockReceiver.Receipt(3, 0));
            assertStored(repo, "m", blocks, "after the refusal");
        }
    }

    @Test
    void aBodyThatDoesNotHashToItsIdIsRefusedAndNothingOfTheUploadIsStored() throws Exception {
        Random r = new Random(2);
        EncodedBlock good = raw(random(r, 32 * 1024));
        byte[] body = random(r, 32 * 1024);
        EncodedBlock forged = new EncodedBlock(BlockId.of(random(r, 10)), BlockEncoding.RAW, body.length, body);
        byte[] text = "abc".repeat(9000).getBytes();
        byte[] other = "xyz".repeat(9000).getBytes();
        EncodedBlock forgedZstd = new EncodedBlock(BlockId.of(text), BlockEncoding.ZSTD, other.length, Zstd.compress(other));
        LocalBackend backend = new LocalBackend(dir);
        try (Repository repo = Repository.open(backend, RepositoryOptions.defaults())) {
            for (EncodedBlock bad : List.of(forged, forgedZstd)) {
                byte[] wire = BlockBatchCodec.encode(List.of(good, bad));
                assertThatThrownBy(() -> receive(repo, "m", wire, 8 + 41 + 100)).isInstanceOf(IntegrityException.class)
                        .hasMessageContaining(bad.id().hex()).hasMessageContaining("SHA-256 of its");
                assertNothingStored(repo, backend, List.of(good, bad));
            }
        }
    }

    @Test
    void aZstdBodyThatDoesNotInflateIsRefusedAndNothingIsStored() throws Exception {
        byte[] text = "inflate me ".repeat(3000).getBytes();
        byte[] z = Zstd.compress(text);
        z[z.length / 2] ^= 0x5a;
        z[z.length / 2 + 1] ^= 0x33;
        EncodedBlock broken = new EncodedBlock(BlockId.of(text), BlockEncoding.ZSTD, text.length, z);
        EncodedBlock good = raw(random(new Random(3), 5000));
        LocalBackend backend = new LocalBackend(dir);
        try (Repository repo = Repository.open(backend, RepositoryOptions.defaults())) {
            byte[] wire = BlockBatchCodec.encode(List.of(good, broken));
            assertThatThrownBy(() -> receive(repo, "m", wire, wire.length - 7)).isInstanceOf(IntegrityException.class)
                    .hasMessageContaining(broken.id().hex());
            assertNothingStored(repo, backend, List.of(good, broken));
        }
    }

    /** A block another machine stored is proved (checked) but not stored twice. */
    @Test
    void aBlockHeldForAnotherMachineIsCheckedAndOwnedNotStoredAgain() throws Exception {
        List<EncodedBlock> blocks = mixed(4);
        byte[] wire = BlockBatchCodec.encode(blocks);
        LocalBackend backend = new LocalBackend(dir);
        try (Repository repo = Repository.open(backend, RepositoryOptions.defaults())) {
            assertThat(receive(repo, "m1", wire, 20)).isEqualTo(new BlockReceiver.Receipt(3, 0));
            assertThat(receive(repo, "m2", wire, wire.length - 20)).isEqualTo(new BlockReceiver.Receipt(3, 0));
            assertStored(repo, "m2", blocks, "second machine");
        }
        assertThat(backend.list(FileType.DATA)).as("the blocks are stored once").hasSize(1);
    }

    private static void assertNothingStored(Repository repo, LocalBackend backend, List<EncodedBlock> blocks) throws Exception {
        List<BlockId> ids = blocks.stream().map(EncodedBlock::id).toList();
        assertThat(repo.missing("m", ids)).containsExactlyElementsOf(ids);
        Path data = backend.path(new Handle(FileType.DATA, "xx")).getParent().getParent();
        if (Files.exists(data)) { // neither a pack nor a staged temporary of one
            try (Stream<Path> files = Files.walk(data)) {
                assertThat(files.filter(Files::isRegularFile).toList()).as("nothing written").isEmpty();
            }
        }
    }
}
