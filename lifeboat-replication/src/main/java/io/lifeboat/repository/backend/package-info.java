/**
 * The storage seam under the repository: {@link io.lifeboat.repository.backend.Backend} (its contract is
 * in its Javadoc), the embedded {@link io.lifeboat.repository.backend.LocalBackend}, an in-memory backend
 * for tests, and the read-only decorator. Every backend runs the same contract suite
 * ({@code BackendContractTest}). A backend stores bytes under names; it does not know what they mean,
 * does not lock, cache or retry. An object-storage backend (Azure Blob, conditional create with
 * If-None-Match) is the scale-out path and must pass the same suite.
 */
package io.lifeboat.repository.backend;
