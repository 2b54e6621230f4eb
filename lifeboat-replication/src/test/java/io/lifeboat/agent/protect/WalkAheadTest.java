package io.lifeboat.agent.protect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Folders scanned ahead of the walk: in walk order, at most {@link WalkAhead#FOLDERS_AHEAD} ahead,
 * a folder gone or turned into a file before its scan is the walk's failure when it reaches it
 * (naming it), and nothing is scanned after the walk has ended. The scans run on an executor the
 * test runs by hand, so what ran before what is the test's choice, not the scheduler's.
 */
class WalkAheadTest {
    @TempDir
    Path tmp;

    /** Holds what it is given until the test runs it. */
    private static final class ByHand extends AbstractExecutorService {
        final List<Runnable> queued = new ArrayList<>();

        @Override
        public void execute(Runnable task) {
            queued.add(task);
        }

        void runAll() {
            while (!queued.isEmpty()) {
                queued.remove(0).run();
            }
        }

        @Override
        public void shutdown() {
        }

        @Override
        public List<Runnable> shutdownNow() {
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }

    @Test
    void walkOrderIsDepthFirstWithSiblingsInNameOrder() {
        List<String> paths = new ArrayList<>(List.of("a-c", "a/x/y", "", "a b", "a", "a/x", "a.b", "B", "a/x-1", "ü", "a/x/y/z"));
        paths.sort(WalkAhead::walkOrder);
        assertThat(paths).containsExactly("", "B", "a", "a/x", "a/x/y", "a/x/y/z", "a/x-1", "a b", "a-c", "a.b", "ü");
    }

    @Test
    void foldersFoundAreScannedAheadUpToTheWindowAndTheRestByTheWalk() throws Exception {
        Path root = tmp.resolve("r");
        int folders = WalkAhead.FOLDERS_AHEAD + 5;
        for (int i = 0; i < folders; i++) {
            Files.createDirectories(root.resolve(String.format("%03d", i)));
            Files.writeString(root.resolve(String.format("%03d/f", i)), "x" + i);
        }
        ByHand pool = new ByHand();
        WalkAhead ahead = new WalkAhead(pool, PreviousPoint.NONE);

        assertThat(ahead.take(root, "")).hasSize(folders); // the root: scanned by the walk, nothing was ahead of it
        assertThat(pool.queued).as("the window's worth of the folders it found").hasSize(WalkAhead.FOLDERS_AHEAD);
        pool.runAll();
        for (int i = 0; i < folders; i++) {
            String name = String.format("%03d", i);
            List<FolderScan.Looked> children = ahead.take(root.resolve(name), name);
            assertThat(children).singleElement().extracting(l -> l.done().name()).isEqualTo(name + "/f");
            pool.runAll(); // the one that took the taken folder's place in the window
        }
        ahead.close();
    }

    @Test
    void aQueuedScanIsRunByTheWalkThatReachesIt() throws Exception {
        Path root = tmp.resolve("r");
        Files.createDirectories(root.resolve("sub"));
        Files.writeString(root.resolve("sub/f"), "x");
        ByHand pool = new ByHand();
        WalkAhead ahead = new WalkAhead(pool, PreviousPoint.NONE);
        ahead.take(root, "");

        assertThat(ahead.take(root.resolve("sub"), "sub")).singleElement().extracting(l -> l.done().name())
                .isEqualTo("sub/f");
        ahead.close();
    }

    @Test
    void aFolderGoneOrTurnedIntoAFileBeforeItsScanFailsTheWalkWhereItIsReachedNamingIt() throws Exception {
        Path root = tmp.resolve("r");
        Files.createDirectories(root.resolve("gone"));
        Files.createDirectories(root.resolve("now a file"));
        Files.createDirectories(root.resolve("stays"));
        ByHand pool = new ByHand();
        WalkAhead ahead = new WalkAhead(pool, PreviousPoint.NONE);
        ahead.take(root, "");
        Files.delete(root.resolve("gone"));
        Files.delete(root.resolve("now a file"));
        Files.writeString(root.resolve("now a file"), "was a folder");
        pool.runAll();

        assertThatThrownBy(() -> ahead.take(root.resolve("gone"), "gone")).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(root.resolve("gone").toString());
        assertThatThrownBy(() -> ahead.take(root.resolve("now a file"), "now a file"))
                .isInstanceOf(NotDirectoryException.class).hasMessageContaining(root.resolve("now a file").toString());
        assertThat(ahead.take(root.resolve("stays"), "stays")).isEmpty();
        ahead.close();
    }

    @Test
    void aScanTellsASymlinksTargetAndModeWithoutFollowingIt() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("r"));
        Files.writeString(root.resolve("a"), "x");
        Files.createSymbolicLink(root.resolve("b"), Path.of("a"));

        List<FolderScan.Looked> looked = FolderScan.scan(root, "", PreviousPoint.NONE);

        assertThat(looked).extracting(l -> l.done().name()).containsExactly("a", "b");
        assertThat(looked.get(1).done().linkTarget()).isEqualTo("a");
        assertThat(looked.get(1).done().mode()).isEqualTo(SourceMetadata.mode(root.resolve("b"), 0777));
        assertThat(looked.get(1).done().attributes().isSymbolicLink()).isTrue();
        assertThat(looked.get(0).done().unix().stamp().size()).isEqualTo(1);
    }

    @Test
    void afterTheWalkEndsNoScanRuns() throws Exception {
        Path root = tmp.resolve("r");
        Files.createDirectories(root.resolve("one/two"));
        ByHand pool = new ByHand();
        WalkAhead ahead = new WalkAhead(pool, PreviousPoint.NONE);
        ahead.take(root, "");
        assertThat(pool.queued).hasSize(1);

        ahead.close();
        pool.runAll(); // the scan of "one" was dropped: running it does nothing, and finds no "one/two"

        assertThat(pool.queued).isEmpty();
    }
}
