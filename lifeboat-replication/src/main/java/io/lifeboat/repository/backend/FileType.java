package io.lifeboat.repository.backend;

/**
 * The kinds of file a repository keeps, each in its own folder of the backend (restic's layout).
 * {@link #CONFIG} is a single file; the others hold many.
 */
public enum FileType {
    /** The one {@code config} file: format version and repository id. */
    CONFIG("config", 0),
    /** {@code data/}: pack files, each holding many blocks. */
    DATA("data", 0),
    /** {@code index/}: for each pack, where each of its blocks lies. */
    INDEX("index", 0),
    /** {@code points/<machine>/}: one file per recovery point (its info and the list of its manifest chunks). */
    POINTS("points", 1),
    /** {@code manifests/<machine>/}: the chunks of the machine's manifests, each named by its time and hash. */
    MANIFESTS("manifests", 1),
    /** {@code machines/<machine>/}: which blocks each machine has uploaded (ownership records). */
    MACHINES("machines", 1),
    /**
     * {@code groups/<group>/}: a consistency group's definitions, rounds, member records and group
     * points, every file created once ({@code io.lifeboat.repository.groups.GroupStore}).
     */
    GROUPS("groups", 1),
    /** {@code locks/}: who has the repository open for writing (each node's presence record and heartbeats). */
    LOCKS("locks", 0),
    /**
     * {@code state/<kind>/}: the vault's own state when it is kept in the store (machine records, tokens,
     * the storage policy, the CA certificate and encrypted CA key); the only files besides
     * {@link #NODES} that {@link Backend#replace} changes.
     */
    STATE("state", 1),
    /** {@code nodes/}: one announcement per running vault node (address, host names, heartbeat). */
    NODES("nodes", 0),
    /**
     * {@code prune/}: packs a prune dropped on a store shared by several nodes, deleted only after the
     * safety margin (see {@code docs/repository-format.md}, "Several nodes on one store").
     */
    PRUNE("prune", 0);

    private final String folder;
    private final int subfolders;

    FileType(String folder, int subfolders) {
        this.folder = folder;
        this.subfolders = subfolders;
    }

    /** The folder (or, for CONFIG, the file) name in the repository. */
    public String folder() {
        return folder;
    }

    /** How many '/'-separated folder levels a name of this type has before the file name (0 or 1). */
    public int subfolders() {
        return subfolders;
    }
}
