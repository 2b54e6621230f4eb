package io.lifeboat.replication.protocol;

/** The bounds every decoder enforces before it allocates; the vault's body limits follow from them. */
public final class Limits {
    /** Largest block: 4 MiB (the agent cuts 32 KiB blocks by default). */
    public static final int MAX_BLOCK_BYTES = 4 << 20;
    /** Most blocks in one batch. */
    public static final int MAX_BATCH_BLOCKS = 4096;
    /** Largest block batch body: 32 MiB. */
    public static final int MAX_BATCH_BYTES = 32 << 20;
    /** Most ids in one "which do you lack?" query. */
    public static final int MAX_QUERY_IDS = 65_536;
    /**
     * Largest compressed whole-manifest point commit body: 64 MiB (older agents; about 58 GiB of
     * non-zero data). Current agents send the manifest in chunks, each at most {@code
     * ManifestChunkReader.MAX_STORED_BYTES}, and a commit of about 90 bytes per chunk: no cap on a
     * source's size follows.
     */
    public static final int MAX_COMMIT_BYTES = 64 << 20;
    /** Largest point commit once decompressed: 512 MiB (about 5 million blocks). */
    public static final long MAX_COMMIT_JSON_BYTES = 512L << 20;

    /**
     * Most block references (zero ones included) in a manifest the vault sends whole as JSON
     * ({@code GET .../points/{id}}): about 4 million, some 300 MiB of JSON built in the vault's memory.
     */
    public static final long MAX_MANIFEST_JSON_BLOCKS = 1L << 22;

    private Limits() {
    }
}
