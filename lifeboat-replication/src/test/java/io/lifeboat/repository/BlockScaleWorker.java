package io.lifeboat.repository;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Run in its own small-heap JVM by {@link BlockScaleTest}: stores {@code args[1]} distinct blocks (16
 * bytes each, so packs stay small and the test fast; the index's cost per block does not depend on a
 * block's size) for two machines in a repository in {@code args[0]}, the way the vault receives them
 * (ask {@code missing}, then {@code putBlocks} in batches of one pack). Then asks {@code missing} for all
 * of them again, reopens the folder (rebuilding the tables from {@code index/} and {@code machines/}),
 * asks again, reads a sample back, runs a prune and verifies everything, then one machine. Prints {@code ok <blocks> <heap used after a full
 * collection> <heap max> <table bytes>} and exits 0; anything else is a failure.
 */
public final class BlockScaleWorker {
    static final int BATCH = 4096;

    private BlockScaleWorker() {
    }

    static byte[] body(long i) {
        return ByteBuffer.allocate(16).putLong(i).putLong(0x5ca1ab1e).array();
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long blocks = Long.parseLong(args[1]);
        RepositoryOptions options = RepositoryOptions.defaults().withTableDir(dir.resolve("cache"))
                .withPackTargetBytes(BATCH * (Pack.HEADER + 16));
        long tableBytes;
        try (Repository repo = Repository.openLocal(dir.resolve("repo"), options)) {
            for (long from = 0; from < blocks; from += BATCH) {
                List<BlockUpload> batch = batch(from, Math.min(blocks, from + BATCH));
                for (String machine : List.of("a", "b")) {
                    Set<BlockId> missing = repo.missing(machine, batch.stream().map(BlockUpload::id).toList());
                    check(missing.size() == batch.size(), "new blocks reported present for " + machine);
                    repo.putBlocks(machine, batch);
                }
            }
            allPresent(repo, blocks);
            tableBytes = repo.blocks.index.fileBytes();
        }
        try (Repository repo = Repository.openLocal(dir.resolve("repo"), options)) {
            allPresent(repo, blocks);
            for (long i = 0; i < blocks; i += blocks / 64) {
                check(java.util.Arrays.equals(repo.readBlock("b", BlockId.of(body(i))), body(i)), "block " + i);
            }
            repo.prune(new PruneRequest(Optional.empty(), Set.of(), false, false));
            allPresent(repo, blocks);
            VerifyReport all = repo.verify(Optional.empty());
            check(all.damaged().isEmpty() && all.blocksChecked() == blocks, "verify of all: " + all.blocksChecked() + " blocks");
            VerifyReport one = repo.verify(Optional.of("a"));
            check(one.damaged().isEmpty() && one.blocksChecked() == blocks, "verify of a: " + one.blocksChecked() + " blocks");
            System.gc();
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            System.out.println("ok " + blocks + " " + used + " " + Runtime.getRuntime().maxMemory() + " " + tableBytes);
        }
    }

    private static List<BlockUpload> batch(long from, long to) {
        List<BlockUpload> out = new ArrayList<>();
        for (long i = from; i < to; i++) {
            byte[] b = body(i);
            out.add(new BlockUpload(BlockId.of(b), b, BlockEncoding.RAW));
        }
        return out;
    }

    private static void allPresent(Repository repo, long blocks) {
        for (long from = 0; from < blocks; from += BATCH) {
            List<BlockId> ids = batch(from, Math.min(blocks, from + BATCH)).stream().map(BlockUpload::id).toList();
            for (String machine : List.of("a", "b")) {
                check(repo.missing(machine, ids).isEmpty(), "stored blocks reported missing for " + machine);
            }
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError("wrong: " + what);
        }
    }
}
