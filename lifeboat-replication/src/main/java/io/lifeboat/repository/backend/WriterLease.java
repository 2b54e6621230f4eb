package io.lifeboat.repository.backend;

import java.io.IOException;

/**
 * A writer's lock that the store itself frees when its holder dies: a lease on an object that expires
 * unless its holder renews it (Azure Blob). Stores with a local folder use an operating-system lock
 * instead; see {@link Backend#writerLease()}.
 */
public interface WriterLease {
    /** Takes the lease and keeps it renewed until {@link #release}; false when another holder has it. */
    boolean tryAcquire() throws IOException;

    /** Gives the lease back at once. */
    void release() throws IOException;

    /** Stops renewing without giving it back, as a killed process would: it expires by itself (crash tests). */
    void abandon();
}
