package io.lifeboat.repository.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The syncs of a group commit issued together ({@link ForceTogether}), and a publish of a name that holds its bytes. */
class ForceTogetherTest {
    @TempDir
    Path dir;

    @Test
    void theStepsRunTogetherNotOneAfterAnother() throws IOException {
        int n = ForceTogether.MAX_THREADS + 1; // the pool's threads and the caller
        CountDownLatch all = new CountDownLatch(n);
        Set<Integer> done = ConcurrentHashMap.newKeySet();
        ForceTogether.all(IntStream.range(0, n).boxed().toList(), i -> {
            all.countDown();
            try {
                // one after another, the first would wait here for the others and never see them
                if (!all.await(20, TimeUnit.SECONDS)) {
                    throw new IOException("step " + i + " ran alone");
                }
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            done.add(i);
        });
        assertThat(done).hasSize(n);
    }

    @Test
    void everyStepEndsBeforeTheFirstFailureInListOrderIsThrown() {
        Set<Integer> done = ConcurrentHashMap.newKeySet();
        assertThatThrownBy(() -> ForceTogether.all(List.of(0, 1, 2, 3), i -> {
            if (i == 1 || i == 3) {
                throw new IOException("step " + i + " failed");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            done.add(i);
        })).isInstanceOf(IOException.class).hasMessage("step 1 failed");
        assertThat(done).containsExactlyInAnyOrder(0, 2);
    }

    @Test
    void aPublishWhoseNameHoldsTheSameBytesCountsAsPublishedAndOtherBytesAreRefused() throws IOException {
        LocalBackend backend = new LocalBackend(dir);
        Handle same = new Handle(FileType.MANIFESTS, "m/same");
        Handle other = new Handle(FileType.MANIFESTS, "m/other");
        byte[] bytes = "chunk".getBytes(StandardCharsets.UTF_8);
        backend.create(same, bytes);
        backend.create(other, "else".getBytes(StandardCharsets.UTF_8));

        backend.publish(List.of(backend.stage(same, bytes, 0, bytes.length))); // a second file, the same bytes
        assertThat(backend.read(same)).isEqualTo(bytes);

        Backend.Staged clash = backend.stage(other, bytes, 0, bytes.length);
        assertThatThrownBy(() -> backend.publish(List.of(clash))).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(backend.read(other)).isEqualTo("else".getBytes(StandardCharsets.UTF_8));
        try (var files = Files.walk(dir.resolve("manifests"))) {
            assertThat(files.filter(f -> f.getFileName().toString().startsWith(".tmp-")).count())
                    .as("the refused temporary is left for discard or the next open").isEqualTo(1);
        }
    }
}
