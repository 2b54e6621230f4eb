package io.lifeboat.agent.protect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What asking the vault before sending buys in a pass with a record (issue 14, session 21: a pass
 * that sent an image's changed blocks unasked was measured and dropped): content this machine
 * stored before, under another name or in an older point, is asked about and not sent again.
 */
class AskedBeforeSentTest extends ProtectorHarness {
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
    void aTreesRenamedFileIsAskedAboutAndNotSentAgain() throws IOException {
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
        assertThat(idsAskedAbout()).as("the renamed file's blocks asked about").isEqualTo(asked + 8);
        assertThat(second.blocksSent()).isZero();
        assertThat(blocksUploaded()).isEqualTo(uploaded);
    }

    /**
     * A block changed back to an older point's content: the record (of the last point) says it
     * changed, the vault holds it, and the question keeps it off the wire.
     */
    @Test
    void anImageBlockRevertedToAnOlderPointsContentIsAskedAboutAndNotSentAgain() throws IOException {
        byte[] data = image(4 << 20, 5);
        byte[] original = data.clone();
        Path img = tmp.resolve("disk.img");
        Files.write(img, data);
        KnownBlocksStore records = records();
        pass(transport, img, records);
        changeFourBlocks(data);
        Files.write(img, data);
        assertThat(pass(transport, img, records).blocksSent()).isEqualTo(4);
        int uploaded = blocksUploaded();
        int asked = idsAskedAbout();

        Files.write(img, original); // the four blocks as the first point had them
        ProtectResult third = pass(transport, img, records);
        assertThat(idsAskedAbout() - asked).isEqualTo(4);
        assertThat(third.blocksSent()).isZero();
        assertThat(blocksUploaded()).isEqualTo(uploaded);
        assertThat(restore(manifestOf(third).entries().get(0))).isEqualTo(original);
    }
}
