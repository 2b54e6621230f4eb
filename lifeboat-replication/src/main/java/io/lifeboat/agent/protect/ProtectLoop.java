package io.lifeboat.agent.protect;

import io.lifeboat.tls.LifeboatException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The continuous mode: protect every source, wait {@code interval} (measured from the start of the
 * round), repeat until {@link StopSignal#request()}. A failed pass is reported and retried next
 * round; within a pass, requests already retry with back-off. A stop abandons the pass in flight
 * at its next block or request (within about a second), which leaves no partial point behind.
 */
public final class ProtectLoop {
    private final Protector protector;
    private final StopSignal stop;
    private final Consumer<LifeboatException> onFailure;

    public ProtectLoop(Protector protector, StopSignal stop, Consumer<LifeboatException> onFailure) {
        this.protector = protector;
        this.stop = stop;
        this.onFailure = onFailure;
    }

    /** Returns the number of rounds completed (every source tried) when a stop is requested. */
    public int run(List<Path> sources, Duration interval) throws InterruptedException {
        return run(sources, interval, () -> { });
    }

    /** @param beforeRound run before each round (e.g. certificate renewal); its failures are reported too */
    public int run(List<Path> sources, Duration interval, Runnable beforeRound) throws InterruptedException {
        int rounds = 0;
        while (!stop.requested()) {
            long roundStart = System.nanoTime();
            try {
                beforeRound.run();
            } catch (LifeboatException e) {
                onFailure.accept(e);
            }
            for (Path source : sources) {
                if (stop.requested()) {
                    return rounds;
                }
                try {
                    protector.protect(source);
                } catch (ProtectCancelledException e) {
                    return rounds;
                } catch (LifeboatException e) {
                    onFailure.accept(e);
                }
            }
            rounds++;
            Duration left = interval.minus(Duration.ofNanos(System.nanoTime() - roundStart));
            if (!left.isNegative() && stop.await(left)) {
                return rounds;
            }
        }
        return rounds;
    }
}
