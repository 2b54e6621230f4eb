package io.lifeboat.agent.protect;

import io.lifeboat.restore.Failover;
import io.lifeboat.restore.FailoverOptions;
import io.lifeboat.restore.RestoreListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What the tree pass's tests share: a settled tree of files, folders, a sparse file and a link; its
 * description and restore; the requests a pass made.
 */
abstract class TreeHarness extends ProtectorHarness {
    static final int FILES = 40;

    ProtectResult protect(Path source, KnownBlocksStore records, ProtectListener listener) {
        return protect(transport, source, listener, records);
    }

    /** A tree of FILES files over a few folders, a big sparse file, a link; left to settle past the stamp rule's margin. */
    Path tree() throws IOException, InterruptedException {
        Path root = tmp.resolve("src");
        Random r = new Random(1);
        for (int i = 0; i < FILES; i++) {
            Path f = root.resolve("d" + (i % 4)).resolve("f" + i + ".bin");
            Files.createDirectories(f.getParent());
            byte[] b = new byte[1000 + r.nextInt(70_000)];
            r.nextBytes(b);
            Files.write(f, b);
        }
        byte[] sparse = new byte[3 << 20];
        r.nextBytes(Arrays.copyOfRange(sparse, 0, 1)); // keeps the generator's sequence independent of the size
        sparse[(2 << 20) + 5] = 7;
        Files.write(root.resolve("big.img"), sparse);
        Files.createSymbolicLink(root.resolve("link"), root.getFileSystem().getPath("d0/f0.bin"));
        settle();
        return root;
    }

    /** The one last-point record ({@code .last}) in the agent's record folder {@code dir}. */
    static Path lastPointRecord(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".last")).findFirst().orElseThrow();
        }
    }

    /** A listener that keeps every notice (the agent's warnings) in {@code notices}. */
    static ProtectListener noticesInto(List<String> notices) {
        return new ProtectListener() {
            @Override
            public void notice(String message) {
                notices.add(message);
            }
        };
    }

    /** Waits out {@link FileStamp#SETTLE_NANOS}: stamps of files changed just before a pass are not trusted. */
    static void settle() throws InterruptedException {
        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(FileStamp.SETTLE_NANOS) + 100);
    }

    /** Each path with its type, mode, mtime and content (or link target), sorted. */
    static List<String> describe(Path root) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted().toList()) {
                String rel = root.relativize(p).toString();
                long mtime = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).to(TimeUnit.NANOSECONDS);
                if (Files.isSymbolicLink(p)) {
                    out.add(rel + " -> " + Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p)) {
                    out.add(rel + "/ " + Files.getAttribute(p, "unix:mode") + " " + mtime);
                } else {
                    out.add(rel + " " + Files.getAttribute(p, "unix:mode") + " " + mtime + " "
                            + Arrays.hashCode(Files.readAllBytes(p)));
                }
            }
        }
        return out;
    }

    List<String> restored(ProtectResult r, String name) throws IOException {
        Path target = tmp.resolve(name);
        new Failover(store, RestoreListener.NONE).run(M, r.point().id(), target, FailoverOptions.DEFAULT);
        return describe(target);
    }

    long commitsOf(String contentType) {
        return transport.log().stream().filter(q -> q.path().endsWith("/points") && contentType.equals(q.contentType())).count();
    }

    long chunkRequests() {
        return transport.log().stream().filter(q -> q.path().endsWith("/manifest-chunks")).count();
    }

    /** Content changed with its size and mtime put back (as a tool may): only ctime tells. */
    static void rewriteKeepingSizeAndMtime(Path f) throws IOException {
        FileTime mtime = Files.getLastModifiedTime(f);
        byte[] b = Files.readAllBytes(f);
        b[b.length / 2] ^= 0x5a;
        Files.write(f, b);
        Files.setLastModifiedTime(f, mtime);
    }
}
