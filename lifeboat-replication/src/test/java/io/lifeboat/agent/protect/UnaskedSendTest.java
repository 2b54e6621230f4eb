package io.lifeboat.agent.protect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Which passes ask the vault before they send (Uploader's class comment): an image's pass with a
 * record sends its changed blocks unasked, through the vault's real request handler, which still
 * checks each one against its id before a point may name it; a first pass and a tree still ask.
 */
class UnaskedSendTest extends ProtectorHarness {
    private static final int BLOCK = 32 * 1024;

    private KnownBlocksStore records() {
        return KnownBlocksStore.in(tmp.resolve("records"), KEY);
    }

    private ProtectResult pass(VaultTransport to, Path source, KnownBlocksStore records) {
        return protect(to, source, ProtectListener.NONE, records);
    }

    /** Four 4 KiB writes, each inside a different 32 KiB block of the random first half. */
    private static void changeFourBlocks(byte[] data) {
        Random r = new Random(9);
        for (int i = 0; i < 4; i++) {
            byte[] piece = new byte[4096];
            r.nextBytes(piece);
            System.arraycopy(piece, 0, data, (3 + 10 * i) * BLOCK + 1000, piece.length);
        }
    }

    @Test
    void anImagesPassWithARecordSendsItsChangedBlocksUnaskedAndThePointHoldsThem() throws IOException {
        byte[] data = image(4 << 20, 1); // 64 random blocks, 64 zero ones
        Path img = tmp.resolve("disk.img");
        Files.write(img, data);
        KnownBlocksStore records = records();

        ProtectResult first = pass(transport, img, records);
        assertThat(idsAskedAbout()).as("a first pass asks about every non-zero block").isEqualTo(64);
        assertThat(first.blocksSent()).isEqualTo(64);

        changeFourBlocks(data);
        Files.write(img, data);
        ProtectResult second = pass(transport, img, records);
        assertThat(idsAskedAbout()).as("no question in the pass with a record").isEqualTo(64);
        assertThat(second.blocksSent()).isEqualTo(4);
        assertThat(blocksUploaded()).isEqualTo(68);
        assertThat(store.missing(M, ids(Arrays.copyOf(data, data.length / 2), BLOCK)))
                .as("the vault holds every non-zero block of the new point").isEmpty();
        assertThat(restore(manifestOf(second).entries().get(0))).isEqualTo(data);
        assertThat(points()).hasSize(2);
    }

    @Test
    void aBlockSentUnaskedWhoseBytesDoNotMatchItsIdIsRefusedAndNoPointNamesIt() throws IOException {
        byte[] data = image(4 << 20, 2);
        Path img = tmp.resolve("disk.img");
        Files.write(img, data);
        KnownBlocksStore records = records();
        pass(transport, img, records);

        AtomicBoolean corrupt = new AtomicBoolean(true);
        VaultTransport flipping = request -> {
            if (request.path().endsWith("/blocks") && corrupt.getAndSet(false)) {
                byte[] body = request.body().clone();
                body[body.length - 1] ^= 1; // the last byte of the last block's body
                return transport.send(VaultTransport.Request.post(request.path(), request.contentType(), body));
            }
            return transport.send(request);
        };
        changeFourBlocks(data);
        Files.write(img, data);
        assertThatThrownBy(() -> pass(flipping, img, records)).hasMessageContaining("HTTP 422");
        assertThat(idsAskedAbout()).as("the block went unasked").isEqualTo(64);
        assertThat(points()).as("no point names a block the vault did not check").hasSize(1);
        byte[] lastBlock = Arrays.copyOfRange(data, 33 * BLOCK, 34 * BLOCK); // the fourth change
        assertThat(store.missing(M, ids(lastBlock, BLOCK))).as("the refused batch stored nothing").hasSize(1);
    }

    @Test
    void aTreeStillAsksSoARenamedFileIsNotSentAgain() throws IOException {
        Path root = tmp.resolve("tree");
        Files.createDirectories(root);
        byte[] content = new byte[8 * BLOCK];
        new Random(3).nextBytes(content);
        Files.write(root.resolve("a.bin"), content);
        KnownBlocksStore records = records();
        pass(transport, root, records);
        int uploaded = blocksUploaded();
        int asked = idsAskedAbout();

        Files.move(root.resolve("a.bin"), root.resolve("b.bin")); // no record under its new name
        ProtectResult second = pass(transport, root, records);
        assertThat(idsAskedAbout()).as("the tree's pass asked").isEqualTo(asked + 8);
        assertThat(second.blocksSent()).isZero();
        assertThat(blocksUploaded()).isEqualTo(uploaded);
    }

    /**
     * What the rule costs: a block changed back to what an earlier point held is lacking by the
     * record (of the last point) but held by the vault, so it travels again; the vault answers it
     * present and does not store it twice.
     */
    @Test
    void anImageBlockRevertedToAnEarlierPointsContentIsSentAgainAndNotStoredTwice() throws IOException {
        byte[] data = image(4 << 20, 5);
        byte[] original = data.clone();
        Path img = tmp.resolve("disk.img");
        Files.write(img, data);
        KnownBlocksStore records = records();
        pass(transport, img, records);
        changeFourBlocks(data);
        Files.write(img, data);
        assertThat(pass(transport, img, records).blocksSent()).isEqualTo(4);

        List<String> answers = new CopyOnWriteArrayList<>();
        VaultTransport watching = request -> {
            VaultTransport.Reply reply = transport.send(request);
            if (request.path().endsWith("/blocks")) {
                answers.add(new String(reply.body(), StandardCharsets.UTF_8));
            }
            return reply;
        };
        Files.write(img, original); // the four blocks as the first point had them
        ProtectResult third = pass(watching, img, records);
        assertThat(third.blocksSent()).as("sent again, unasked").isEqualTo(4);
        assertThat(answers).singleElement().asString().contains("\"stored\":0").contains("\"present\":4");
        assertThat(restore(manifestOf(third).entries().get(0))).isEqualTo(original);
    }
}
