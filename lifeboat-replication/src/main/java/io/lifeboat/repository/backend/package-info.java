/**
 * The storage seam under the repository: {@link io.lifeboat.repository.backend.Backend} (its contract is
 * in its Javadoc), the embedded {@link io.lifeboat.repository.backend.LocalBackend}, an in-memory backend
 * for tests, and the read-only decorator. Every backend runs the same contract suite
 * ({@code BackendContractTest}). A backend stores bytes under names; it does not know what they mean,
 * does not lock, cache or retry (a store without a local folder may offer a {@link
 * io.lifeboat.repository.backend.WriterLease}: the store is then shared by several writer nodes, and
 * the lease is what the node that prunes holds). The object-storage
 * backend is {@code io.lifeboat.repository.backend.azure} (Azure Blob, conditional create with
 * If-None-Match); it passes the same suite against Azurite.
 */
package io.lifeboat.repository.backend;
