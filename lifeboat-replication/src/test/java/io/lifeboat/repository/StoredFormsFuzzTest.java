package io.lifeboat.repository;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.lifeboat.tls.LifeboatException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Tag;

/**
 * Jazzer fuzzing of the repository's own files as a damaged disk or a careless hand leaves them: an
 * index file and an ownership record, each in its binary form with a CRC-32C made right by the
 * harness (so that the fuzzer's bytes reach the records behind the checksum, as a writer's bug would)
 * or as they come, and in their older JSON form. The contract: read, or refuse with a
 * {@link LifeboatException} of kind USAGE that names the file (the pack, or the machine's record); anything else is a finding (the vault
 * would fail to open instead of skipping one file). Runs only in
 * {@code ./mvnw -Pfuzz -pl lifeboat-replication test -Dtest='StoredFormsFuzzTest#ownershipRecords'}.
 */
@Tag("fuzz")
class StoredFormsFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void indexFiles(FuzzedDataProvider data) {
        byte[] bytes = bytes(data, PackIndexCodec.MAGIC);
        try {
            PackIndex index = PackIndexCodec.read(bytes, "pack-00000001");
            if (index == null) {
                throw new IllegalStateException("an index read as null");
            }
        } catch (LifeboatException e) {
            refusalNames(e, ""); // the loader's warning names index/<pack> itself, then rebuilds it from the pack
        }
    }

    @FuzzTest(maxDuration = "2m")
    void ownershipRecords(FuzzedDataProvider data) {
        byte[] bytes = bytes(data, OwnershipCodec.MAGIC);
        try {
            OwnershipCodec.OwnedBlocks owned = OwnershipCodec.read(bytes, "web-1/00000001");
            if (owned.ids().length != owned.uploaded().length) {
                throw new IllegalStateException(owned.ids().length + " ids and " + owned.uploaded().length + " times");
            }
            for (int i = 0; i < owned.ids().length; i++) {
                if (owned.ids()[i] == null || owned.uploaded()[i] < 0) {
                    throw new IllegalStateException("record " + i + " accepted with a null id or a negative time");
                }
            }
        } catch (LifeboatException e) {
            refusalNames(e, "web-1/00000001");
        }
    }

    /**
     * The fuzzer's bytes: as they come, or behind the kind's magic with a right CRC-32C at the end (one
     * mode in three each), or as they come with only the CRC made right.
     */
    private static byte[] bytes(FuzzedDataProvider data, byte[] magic) {
        int mode = data.consumeInt(0, 2);
        byte[] rest = data.consumeRemainingAsBytes();
        if (mode == 0) {
            return rest;
        }
        ByteBuffer b = ByteBuffer.allocate((mode == 1 ? magic.length : 0) + rest.length + 4);
        if (mode == 1) {
            b.put(magic);
        }
        b.put(rest);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        return b.array();
    }

    private static void refusalNames(LifeboatException e, String file) {
        if (e.kind() != LifeboatException.Kind.USAGE) {
            throw new IllegalStateException("refused as " + e.kind() + ", not as a damaged file: " + e.getMessage(), e);
        }
        if (e.getMessage() == null || !e.getMessage().contains(file)) {
            throw new IllegalStateException("the refusal does not name " + file + ": " + e.getMessage(), e);
        }
    }
}
