package io.lifeboat.cli;

/**
 * Turns netty's own JFR events (a buffer or a chunk allocated, freed or grown) off for every command
 * but {@code vault serve}, before anything loads netty.
 *
 * <p>Why: netty checks at its first pooled allocation whether those events are on, which loads its
 * event classes; the JVM's JFR instruments any event class it loads, even with no recording running,
 * and for that sets up its whole metadata (about 100 classes) and generates a handler class per
 * event. A cold kept rescan of a 1 GiB image spent 0.06 CPU s of its 0.6 on it, 6 of 6 pairs
 * (docs/performance.md, "netty's JFR events off for one-shot commands (issue 14, session 24)"). A
 * recording of the agent loses nothing it asked for: netty's events have no JFR settings of their
 * own, so a recording would log every buffer. The vault, a long-running server, keeps netty's
 * default: it pays this once per start, and an operator's recording of it may want them. A value
 * given on the command line ({@code -Dio.netty.jfr.enabled=...} in LIFEBOAT_JAVA_OPTS) wins.
 */
final class NettyJfrEvents {
    static final String PROPERTY = "io.netty.jfr.enabled";

    private NettyJfrEvents() {
    }

    /** Whether the command {@code args} names keeps netty's events: only {@code vault serve}. */
    static boolean keptFor(String[] args) {
        return args.length >= 2 && args[0].equals("vault") && args[1].equals("serve");
    }

    /** Sets {@link #PROPERTY} to false unless {@link #keptFor} or it is already set. */
    static void offUnlessServing(String[] args) {
        if (!keptFor(args) && System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, "false");
        }
    }
}
