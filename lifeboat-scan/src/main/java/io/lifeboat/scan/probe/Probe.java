package io.lifeboat.scan.probe;

/**
 * One scan command (one file each, listed in {@link ProbeKind}). A probe is made of jobs; a job is
 * one call to the target's {@code Connector} and uses exactly one connection. A probe records its
 * outcome as {@link ProbeAttempt}s in the facts and never throws for anything the server does.
 */
public interface Probe {
    void run(ProbeContext ctx) throws InterruptedException;
}
