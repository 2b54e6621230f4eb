package io.lifeboat.repository;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One upload of blocks for one machine, received as its bytes arrive (the vault's {@code POST
 * .../blocks}), with the checks of {@link Repository#putBlocks}:
 *
 * <ol>
 *   <li>{@link #accept} is told each block's header before its body and says where the body goes:
 *       a block this machine already holds (or one repeated in the upload) nowhere, so its bytes are
 *       skipped without a copy; a block stored before for another machine into an array of its own
 *       (this machine must prove it has the bytes, but they are not stored twice); a new block into
 *       the pack being laid out ({@link ReceivingPack}, a buffer outside the heap that is written to
 *       the device as it is), behind its record header.</li>
 *   <li>Once the pack reaches the repository's pack size (checked when the next block is
 *       accepted), every block in it is decoded (zstd within the block bound) and hashed, all
 *       together ({@link BlockId#ofAll(ByteBuffer[], int)}); the first whose SHA-256 is not its id fails the upload
 *       ({@link IntegrityException} naming it).</li>
 *   <li>{@link #finish} checks the last pack, then stores every pack and records the blocks as the
 *       machine's, and says how many blocks were new. Nothing of an upload is stored unless all of it
 *       checked (an upload is at most 32 MiB: one or two packs held until its end).</li>
 * </ol>
 *
 * A block is indexed only after it checked, so no commit can trust a block that failed. Not
 * thread-safe: one upload is parsed in one thread at a time.
 */
public final class BlockReceiver implements AutoCloseable {
    /** Where one block's body goes: {@code buffer[offset .. offset + length)}, by absolute index. */
    public record Slot(ByteBuffer buffer, int offset, int length) {
    }

    /** Room past the pack target for the block that crosses it (larger blocks grow the buffer). */
    private static final int SLACK = 64 << 10;

    private final Repository repo;
    private final String machine;
    private final long expectedBytes;
    private ReceivingPack pack;
    private long laidOut;
    /** Blocks stored before for another machine: their ids and encodings, and their bytes, to be checked. */
    private final List<Pack.Item> proofs = new ArrayList<>();
    private final List<ByteBuffer> proofBodies = new ArrayList<>();
    /** Packs checked and waiting for the end of the upload (one, for the agent's 16 MiB batches). */
    private final List<Checked> checked = new ArrayList<>();
    private final Set<BlockId> seen = new HashSet<>();
    private int blocks;
    private int lacking;

    BlockReceiver(Repository repo, String machine, long expectedBytes) {
        this.repo = repo;
        this.machine = machine;
        this.expectedBytes = expectedBytes;
    }

    /**
     * A block's header arrived: where its {@code bodyLength} bytes go, or null to skip them. Never
     * blocks on the network; takes the repository's shared lock for a table lookup.
     */
    public Slot accept(BlockId id, BlockEncoding encoding, int rawLength, int bodyLength) {
        blocks++;
        if (!seen.add(id)) {
            return null;
        }
        boolean owned;
        boolean stored;
        repo.rw.readLock().lock();
        try {
            owned = repo.blocks.has(machine, id);
            stored = repo.blocks.index.contains(id) && !repo.blocks.damaged.contains(id);
        } finally {
            repo.rw.readLock().unlock();
        }
        if (owned) {
            return null;
        }
        lacking++;
        if (stored) {
            ByteBuffer proof = ByteBuffer.allocate(bodyLength);
            proofs.add(new Pack.Item(id, null, 0, bodyLength, encoding, rawLength));
            proofBodies.add(proof);
            return new Slot(proof, 0, bodyLength);
        }
        int target = repo.options.packTargetBytes();
        if (pack != null && pack.size() >= target) { // a pack ends past its target by less than one block
            seal();
        }
        if (pack == null) {
            // the rest of the upload (its headers are the size of the pack's), at most a pack and a block
            long left = expectedBytes < 0 ? target : Math.max(0, expectedBytes - laidOut);
            pack = new ReceivingPack((int) Math.min((long) target + Pack.HEADER + SLACK, left + Pack.MAGIC.length));
        }
        int before = pack.size();
        int at = pack.reserve(id, encoding, rawLength, bodyLength);
        laidOut += pack.size() - before;
        return new Slot(pack.buffer(), at, bodyLength);
    }

    /**
     * Checks what is still open, then stores every checked pack and the machine's record of its
     * blocks: nothing of an upload is stored unless all of it checked.
     *
     * @return blocks new for this machine and blocks it already held (repeats counted as held)
     */
    public Receipt finish() {
        seal();
        for (Checked c : checked) {
            repo.storeReceived(machine, c.built(), c.ownOnly());
        }
        close();
        return new Receipt(lacking, blocks - lacking);
    }

    /** What one upload did. */
    public record Receipt(int stored, int present) {
    }

    /** A pack whose every block checked, with the blocks this machine proved it holds. */
    private record Checked(ReceivingPack pack, Pack.Built built, Set<BlockId> ownOnly) {
    }

    /**
     * Checks every block of the open pack and of the proofs (decoded, hashed together): the first
     * that is not its id fails the upload, else the pack waits for {@link #finish} to be stored.
     */
    private void seal() {
        List<Pack.Item> check = new ArrayList<>(pack == null ? List.of() : pack.laidOut());
        List<ByteBuffer> bodies = new ArrayList<>(pack == null ? List.of() : pack.bodies());
        int inPack = check.size();
        check.addAll(proofs);
        bodies.addAll(proofBodies);
        if (check.isEmpty()) {
            return;
        }
        int[] raw = BlockCodec.decodeAll(check, bodies, repo.options.maxBlockBytes());
        Set<BlockId> ownOnly = new LinkedHashSet<>();
        proofs.forEach(p -> ownOnly.add(p.id()));
        proofs.clear();
        proofBodies.clear();
        ReceivingPack sealed = pack;
        pack = null;
        String salt = Repository.uniqueName(repo.options.clock().instant());
        Pack.Built built = sealed == null
                ? Pack.assembled(ByteBuffer.allocate(0), List.of(), salt)
                : sealed.assemble(java.util.Arrays.copyOf(raw, inPack), salt);
        checked.add(new Checked(sealed, built, ownOnly));
    }

    /** Drops what was not stored (an upload that failed or was cut off) and gives its buffer back. */
    @Override
    public void close() {
        if (pack != null) {
            pack.release();
            pack = null;
        }
        for (Checked c : checked) {
            if (c.pack() != null) {
                c.pack().release();
            }
        }
        checked.clear();
        proofs.clear();
        proofBodies.clear();
    }
}
