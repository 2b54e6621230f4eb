package io.lifeboat.agent.protect;

import io.lifeboat.tls.LifeboatException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The continuous mode: protect every source, wait until the next round is due (measured from the
 * start of the last round), repeat until {@link StopSignal#request()}. When the next round is due
 * is the caller's rule: a fixed {@code --interval}, or an RPO schedule that starts a round early
 * after a long one ({@code io.lifeboat.agent.rpo}). A failed pass is reported and retried next
 * round; within a pass, requests already retry with back-off. A stop abandons the pass in flight
 * at its next block or request (within about a second), which leaves no partial point behind.
 */
public final class ProtectLoop {
    /** Told of each committed pass and of each finished round (e.g. to report the RPO achieved). */
    public interface RoundListener {
        RoundListener NONE = new RoundListener() { };

        default void passCommitted(Path source, ProtectResult result, Duration took) {
        }

        default void roundFinished() {
        }
    }

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
        return run(sources, lastRound -> interval, beforeRound, RoundListener.NONE);
    }

    /**
     * @param nextStart   from the length of the round just finished, how long after its start the
     *                    next one starts (zero or less: at once)
     * @param beforeRound run before each round (e.g. certificate renewal); its failures are reported too
     */
    public int run(List<Path> sources, UnaryOperator<Duration> nextStart, Runnable beforeRound, RoundListener rounds)
            throws InterruptedException {
        int done = 0;
        while (!stop.requested()) {
            long roundStart = System.nanoTime();
            try {
                beforeRound.run();
            } catch (LifeboatException e) {
                onFailure.accept(e);
            }
            for (Path source : sources) {
                if (stop.requested()) {
                    return done;
                }
                long passStart = System.nanoTime();
                try {
                    ProtectResult r = protector.protect(source);
                    rounds.passCommitted(source, r, Duration.ofNanos(System.nanoTime() - passStart));
                } catch (ProtectCancelledException e) {
                    return done;
                } catch (LifeboatException e) {
                    onFailure.accept(e);
                }
            }
            done++;
            rounds.roundFinished();
            Duration round = Duration.ofNanos(System.nanoTime() - roundStart);
            Duration left = nextStart.apply(round).minus(round);
            if (!left.isNegative() && stop.await(left)) {
                return done;
            }
        }
        return done;
    }
}
