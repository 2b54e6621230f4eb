package io.lifeboat.repository.backend;

import java.io.IOException;

/**
 * The exclusive lock that pruning takes on a store shared by several writer nodes, which the store
 * itself frees when its holder dies: a lease on an object that expires unless its holder renews it
 * (Azure Blob). Its presence makes a store shared; stores with a local folder have one writer under an
 * operating-system lock instead. See {@link Backend#writerLease()}.
 */
public interface WriterLease {
    /** Takes the lease and keeps it renewed until {@link #release}; false when another holder has it. May be taken again after a release. */
    boolean tryAcquire() throws IOException;

    /** Gives the lease back at once. */
    void release() throws IOException;

    /** Stops renewing without giving it back, as a killed process would: it expires by itself (crash tests). */
    void abandon();
}
