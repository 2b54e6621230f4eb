package io.lifeboat.repository;

import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import io.lifeboat.repository.hashing.MultiBlockSha256;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@link Repository#verify}: reads every pack that holds a block in scope, checks each record header,
 * decodes each body within the size bound and re-hashes it; a block a point needs that is not stored
 * at all is reported too. Then lists the points that need a damaged block. Its memory is the names of the
 * packs in scope, one pack at a time and the damage found, not the blocks checked: which blocks a pack
 * holds comes from its {@code index/} file.
 */
final class Verifier {
    /** Decoded blocks hashed as one run: a pack of well-compressed blocks must not all be inflated at once. */
    private static final int RUN_BLOCKS = 64;
    private static final long RUN_BYTES = 8 << 20;

    private final Repository repo;
    private final VerifyListener listener;

    Verifier(Repository repo, VerifyListener listener) {
        this.repo = repo;
        this.listener = listener;
    }

    VerifyReport run(Optional<String> machine) {
        Map<BlockId, VerifyReport.Damage> damaged = new TreeMap<>();
        // blocks a point of the machine names that the machine does not own: normally none (a commit
        // needs ownership, and retention keeps what points name), so this set stays small
        Set<BlockId> extra = new TreeSet<>();
        for (String m : repo.machines()) {
            if (machine.isEmpty() || machine.get().equals(m)) {
                for (PointInfo p : repo.points(Optional.of(m))) {
                    eachBlock(p, id -> {
                        if (!repo.blocks.index.contains(id)) {
                            damaged.put(id, new VerifyReport.Damage(id, null, "not stored (no pack holds it)"));
                        } else if (machine.isPresent() && !repo.blocks.owned.owns(m, id)) {
                            extra.add(id);
                        }
                    });
                }
            }
        }
        java.util.function.Predicate<BlockId> inScope = machine.isEmpty() ? id -> true
                : id -> repo.blocks.owned.owns(machine.get(), id) || extra.contains(id);
        // one pass over the index finds the packs to read; each pack's blocks come from its index file
        // when it is read, so only pack names are held, not block ids
        Set<String> packs = new TreeSet<>();
        repo.blocks.index.forEach((id, loc) -> {
            if (!packs.contains(loc.pack()) && inScope.test(id)) {
                packs.add(loc.pack());
            }
        });
        long total = 0;
        for (String pack : packs) {
            total += sizeOf(pack);
        }
        if (total > MultiBlockSha256.WARM_UP_PAYS_AFTER_BYTES) {
            MultiBlockSha256.prepare(); // every stored byte is re-hashed: the kernel pays (when the JVM has the Vector API)
        }
        listener.start(total);
        long done = 0;
        long blocks = 0;
        long bytes = 0;
        for (String name : packs) {
            byte[] pack = readPackBytes(name);
            List<BlockId> ids = idsOf(name, pack, inScope);
            if (pack == null) {
                missingPack(name, ids, damaged);
            } else {
                bytes += checkPack(ids, pack, damaged);
                blocks += ids.size();
                done += pack.length;
            }
            listener.progress(done);
        }
        repo.blocks.damaged.addAll(damaged.keySet()); // a writing vault then asks for fresh copies
        return new VerifyReport(packs.size(), blocks, bytes, new ArrayList<>(damaged.values()), affected(machine, damaged.keySet()));
    }

    private long sizeOf(String pack) {
        try {
            return repo.backend.size(new Handle(FileType.DATA, pack)).orElse(0);
        } catch (IOException e) {
            return 0;
        }
    }

    /** The pack's bytes, or null when its file is missing. */
    private byte[] readPackBytes(String pack) {
        try {
            return repo.backend.read(new Handle(FileType.DATA, pack));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw Repository.storage("read data/" + pack, e);
        }
    }

    private void missingPack(String pack, List<BlockId> ids, Map<BlockId, VerifyReport.Damage> damaged) {
        if (prunedMeanwhile(pack)) {
            return;
        }
        for (BlockId id : ids) {
            damaged.put(id, new VerifyReport.Damage(id, "data/" + pack, "the pack file is missing"));
        }
    }

    /**
     * The blocks in scope that the index places in {@code pack}, listed by its {@code index/} file; without
     * a readable one (a reader opened while it was missing), by the pack's own records; without either, by
     * a pass over the whole index (a pack and its index both gone: rare, and damage to report).
     */
    private List<BlockId> idsOf(String pack, byte[] bytes, java.util.function.Predicate<BlockId> inScope) {
        java.util.Collection<BlockId> listed;
        try {
            listed = RepositoryFiles.index(repo.backend.read(new Handle(FileType.INDEX, pack)), pack).keySet();
        } catch (IOException | io.lifeboat.tls.LifeboatException | IllegalArgumentException e) {
            listed = null;
        }
        if (listed == null && bytes != null) {
            listed = new ArrayList<>();
            Pack.scan(pack, bytes, (List<BlockId>) listed);
        }
        List<BlockId> out = new ArrayList<>();
        if (listed == null) {
            repo.blocks.index.forEach((id, loc) -> {
                if (loc.pack().equals(pack) && inScope.test(id)) {
                    out.add(id);
                }
            });
            return out;
        }
        for (BlockId id : listed) {
            Pack.Location loc = repo.blocks.index.get(id);
            if (loc != null && loc.pack().equals(pack) && inScope.test(id)) {
                out.add(id);
            }
        }
        return out;
    }

    /**
     * True when a read-only verify raced a prune of the serving vault: the pack's index is gone too
     * and no point this verify knows still needs a block of it from this pack.
     */
    private boolean prunedMeanwhile(String pack) {
        if (!repo.options.readOnly()) {
            return false;
        }
        try {
            return repo.backend.size(new Handle(FileType.INDEX, pack)).isEmpty() && !neededByAPoint(pack);
        } catch (IOException e) {
            return false;
        }
    }

    private boolean neededByAPoint(String pack) {
        boolean[] needed = {false};
        for (PointInfo p : repo.points(Optional.empty())) {
            eachBlock(p, id -> {
                Pack.Location loc = repo.blocks.index.get(id);
                needed[0] |= loc != null && loc.pack().equals(pack);
            });
        }
        return needed[0];
    }

    /**
     * The point's non-zero blocks, read chunk by chunk; a damaged manifest chunk is an IntegrityException
     * naming it. A point whose file is gone was removed by the retention of a serving vault since this
     * read-only open listed it: it is no longer a point, and is skipped.
     */
    private void eachBlock(PointInfo p, java.util.function.Consumer<BlockId> action) {
        try {
            repo.manifests.forEachBlock(p, action);
        } catch (NotFoundException e) {
            if (!repo.options.readOnly()) {
                throw e;
            }
        } catch (IOException e) {
            throw Repository.storage("read the manifest of point " + p.id() + " of machine " + p.machine(), e);
        }
    }

    /**
     * Checks the blocks {@code ids} of one pack read whole: each record and decoded length, then the
     * hashes of a run of decoded blocks together (many per vector, {@link BlockId#ofAll}).
     *
     * @return the stored bytes checked
     */
    private long checkPack(List<BlockId> ids, byte[] pack, Map<BlockId, VerifyReport.Damage> damaged) {
        long checked = 0;
        List<BlockId> run = new ArrayList<>();
        List<byte[]> raws = new ArrayList<>();
        long runBytes = 0;
        for (BlockId id : ids) {
            Pack.Location loc = repo.blocks.index.get(id);
            long end = loc.offset() + Pack.HEADER + loc.stored();
            if (end > pack.length) {
                damaged.put(id, new VerifyReport.Damage(id, loc.file(), "the pack file is truncated"));
                continue;
            }
            checked += loc.stored();
            try {
                byte[] record = Arrays.copyOfRange(pack, (int) loc.offset(), (int) end);
                byte[] raw = BlockCodec.unpack(id, loc.file(), Pack.body(id, loc, record), loc.encoding(),
                        repo.options.maxBlockBytes());
                if (raw.length != loc.raw()) {
                    damaged.put(id, new VerifyReport.Damage(id, loc.file(), "length " + raw.length + " where the index says " + loc.raw()));
                    continue;
                }
                run.add(id);
                raws.add(raw);
                runBytes += raw.length;
            } catch (IntegrityException ex) {
                damaged.put(id, new VerifyReport.Damage(id, loc.file(), ex.getMessage()));
            }
            if (run.size() == RUN_BLOCKS || runBytes >= RUN_BYTES) {
                checkHashes(run, raws, damaged);
                run.clear();
                raws.clear();
                runBytes = 0;
            }
        }
        checkHashes(run, raws, damaged);
        return checked;
    }

    private void checkHashes(List<BlockId> ids, List<byte[]> raws, Map<BlockId, VerifyReport.Damage> damaged) {
        BlockId[] actual = BlockId.ofAll(raws);
        for (int i = 0; i < actual.length; i++) {
            BlockId id = ids.get(i);
            String file = repo.blocks.index.get(id).file();
            try {
                BlockCodec.checkHash(id, file, raws.get(i).length, actual[i]);
            } catch (IntegrityException ex) {
                damaged.put(id, new VerifyReport.Damage(id, file, ex.getMessage()));
            }
        }
    }

    private List<VerifyReport.AffectedPoint> affected(Optional<String> machine, Set<BlockId> bad) {
        List<VerifyReport.AffectedPoint> out = new ArrayList<>();
        if (bad.isEmpty()) {
            return out;
        }
        for (PointInfo info : repo.points(machine)) {
            Set<BlockId> needed = new java.util.LinkedHashSet<>();
            eachBlock(info, id -> {
                if (bad.contains(id)) {
                    needed.add(id);
                }
            });
            if (!needed.isEmpty()) {
                out.add(new VerifyReport.AffectedPoint(info.machine(), info.id(), List.copyOf(needed)));
            }
        }
        return out;
    }

    static Set<BlockId> blocksOf(Manifest m) {
        Set<BlockId> out = new java.util.LinkedHashSet<>();
        for (Entry e : m.entries()) {
            for (BlockRef b : e.blocks()) {
                if (!b.isZero()) {
                    out.add(b.id());
                }
            }
        }
        return out;
    }

}
