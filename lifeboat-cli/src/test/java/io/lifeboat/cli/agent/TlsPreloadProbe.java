package io.lifeboat.cli.agent;

/**
 * A child JVM for {@link TlsPreloadTest}: starts the preload for the command line it is given, as
 * {@code Main} does first, waits for it to end, and exits.
 */
public final class TlsPreloadProbe {
    private TlsPreloadProbe() {
    }

    public static void main(String[] args) throws InterruptedException {
        Thread preload = TlsPreload.startIfWanted(args);
        if (preload != null) {
            preload.join();
        }
        System.out.println("probe: preload " + (preload != null ? "ran" : "not started"));
    }
}
