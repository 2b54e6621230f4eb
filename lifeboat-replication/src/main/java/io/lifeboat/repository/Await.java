package io.lifeboat.repository;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Waiting for work handed to another thread (a read ahead, a comparison ahead) so that its failure
 * is thrown where the caller waits, as it was thrown there: an unchecked exception or an error as
 * itself, anything else wrapped.
 */
public final class Await {
    private Await() {
    }

    /**
     * The result of {@code work}; if the waiting thread is interrupted, its flag is set again and
     * {@code interrupted} gives what to throw.
     */
    public static <T> T result(Future<T> work, Function<InterruptedException, RuntimeException> interrupted) {
        try {
            return work.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted.apply(e);
        }
    }
}
