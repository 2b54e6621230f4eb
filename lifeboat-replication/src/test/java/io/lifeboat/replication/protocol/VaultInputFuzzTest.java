package io.lifeboat.replication.protocol;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.luben.zstd.Zstd;
import io.lifeboat.repository.BlockId;
import io.lifeboat.repository.ManifestCheck;
import io.lifeboat.repository.ManifestChunkReader;
import io.lifeboat.tls.LifeboatException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;

/**
 * Jazzer fuzzing of what an enrolled machine sends the vault, decoded as the vault decodes it: a block
 * batch (streamed in fuzzer-chosen pieces, and whole), an id list, a point commit of each form, a
 * manifest chunk (as sent, and compressed by the harness so that the fuzzer's bytes reach the chunk's
 * parser). The contract: decode, or throw the {@link LifeboatException} of kind USAGE that the vault
 * answers with 400 (its {@link WireFormatException}, or the manifest's own refusals); the streaming
 * parser and the whole-body decoder agree on every input. Anything else (an index out of bounds, a
 * null pointer, an allocation sized by a hostile field, a hang) is a finding. Runs only in
 * {@code ./mvnw -Pfuzz -pl lifeboat-replication test -Dtest=VaultInputFuzzTest} (JAZZER_FUZZ=1 there).
 */
@Tag("fuzz")
class VaultInputFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void blockBatchStreamedAndWholeAgree(FuzzedDataProvider data) {
        List<byte[]> pieces = new ArrayList<>();
        while (data.remainingBytes() > 0) {
            pieces.add(data.consumeBytes(data.consumeInt(1, 4096)));
        }
        byte[] body = concat(pieces);
        String whole;
        try {
            whole = describe(BlockBatchCodec.decode(body));
        } catch (WireFormatException e) {
            whole = "refused";
        }
        StringBuilder streamed = new StringBuilder();
        BlockBatchParser parser = new BlockBatchParser(new BlockBatchParser.Sink() {
            @Override
            public BlockBatchParser.Target block(int index, BlockBatchParser.BlockHeader h) {
                return new BlockBatchParser.Target(new byte[h.bodyLength()], 0);
            }

            @Override
            public void received(int index, BlockBatchParser.BlockHeader h, BlockBatchParser.Target t) {
                byte[] b = new byte[h.bodyLength()];
                t.buffer().get(t.offset(), b);
                streamed.append(line(h.id(), h.encoding().name(), h.rawLength(), b));
            }
        });
        String got;
        try {
            for (byte[] p : pieces) {
                parser.feed(ByteBuffer.wrap(p));
            }
            parser.end();
            got = streamed.toString();
        } catch (WireFormatException e) {
            got = "refused";
        }
        if (!got.equals(whole)) {
            throw new IllegalStateException("the streaming parser gave " + abbreviate(got) + " where decode gave "
                    + abbreviate(whole));
        }
    }

    @FuzzTest(maxDuration = "1m")
    void idListDecodesToWhatEncodesBack(byte[] body) {
        List<BlockId> ids;
        try {
            ids = IdListCodec.decode(body);
        } catch (WireFormatException refused) {
            return;
        }
        if (!Arrays.equals(IdListCodec.encode(ids), body)) {
            throw new IllegalStateException("an id list did not encode back to its bytes");
        }
    }

    /** As {@code ReplicationService.commit} decodes a commit body, before it touches the repository. */
    @FuzzTest(maxDuration = "2m")
    void pointCommitBodies(FuzzedDataProvider data) {
        boolean compress = data.consumeBoolean();
        byte[] raw = data.consumeRemainingAsBytes();
        byte[] body = compress ? Zstd.compress(raw, 1) : raw;
        try {
            if (ChunkedCommit.isChunked(body)) {
                JsonNode tree = ReplicationJson.tree(body, "point commit");
                if (PointDelta.isDelta(tree)) {
                    PointDelta.decode(tree);
                } else {
                    ChunkedCommit.decode(body);
                }
            } else {
                PointCommit.decode(body);
            }
        } catch (LifeboatException e) {
            usageOnly(e);
        }
    }

    /** A chunk as the vault checks one a machine sent, before it stores it. */
    @FuzzTest(maxDuration = "2m")
    void manifestChunks(FuzzedDataProvider data) {
        boolean compress = data.consumeBoolean();
        int blockSize = 1 << data.consumeInt(12, 22);
        byte[] raw = data.consumeRemainingAsBytes();
        byte[] stored = compress ? Zstd.compress(raw, 1) : raw;
        ManifestCheck check = ManifestCheck.fragment(blockSize, id -> true);
        try {
            ManifestChunkReader.read("manifest chunk fuzz", stored, check);
        } catch (LifeboatException e) {
            usageOnly(e);
        }
    }

    private static void usageOnly(LifeboatException e) {
        if (e.kind() != LifeboatException.Kind.USAGE && !(e instanceof io.lifeboat.repository.IntegrityException)) {
            throw new IllegalStateException("refused as " + e.kind() + ", not as bad input: " + e.getMessage(), e);
        }
        if (e.getMessage() == null || e.getMessage().isBlank()) {
            throw new IllegalStateException("refused without saying why", e);
        }
    }

    private static String describe(List<EncodedBlock> blocks) {
        StringBuilder s = new StringBuilder();
        for (EncodedBlock b : blocks) {
            s.append(line(b.id(), b.encoding().name(), b.rawLength(),
                    Arrays.copyOfRange(b.data(), b.offset(), b.offset() + b.length())));
        }
        return s.toString();
    }

    private static String line(BlockId id, String encoding, int rawLength, byte[] body) {
        return id + " " + encoding + " " + rawLength + " " + Arrays.hashCode(body) + "/" + body.length + "\n";
    }

    private static byte[] concat(List<byte[]> pieces) {
        int n = 0;
        for (byte[] p : pieces) {
            n += p.length;
        }
        ByteBuffer all = ByteBuffer.allocate(n);
        pieces.forEach(all::put);
        return all.array();
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
