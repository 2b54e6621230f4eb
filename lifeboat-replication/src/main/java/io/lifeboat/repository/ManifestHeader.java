package io.lifeboat.repository;

/**
 * What a manifest says besides its entries: kept in the point file, next to the list of chunks that
 * hold the entries.
 *
 * @param source    the protected path as the agent named it
 * @param blockSize the fixed block size used to cut files
 */
public record ManifestHeader(String source, SourceKind kind, int blockSize) {
    public static ManifestHeader of(Manifest m) {
        return new ManifestHeader(m.source(), m.kind(), m.blockSize());
    }
}
