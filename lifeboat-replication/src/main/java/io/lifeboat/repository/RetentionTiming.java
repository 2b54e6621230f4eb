package io.lifeboat.repository;

/**
 * When the retention a point commit owes runs ({@link Repository#commitPoint(String, ManifestHeader,
 * java.util.List, PointMeta, RetentionTiming)}). Either way it runs after the point is durable, one
 * run at a time, and a run never drops the point just committed nor one the policy keeps.
 */
public enum RetentionTiming {
    /** On the committing thread, before the commit returns (tools and tests that look at once). */
    BEFORE_RETURN,
    /**
     * On the repository's retention thread, after the commit returned: the vault answers a commit as
     * soon as its point is durable. Commits owed before a run starts share it; a crash before it runs
     * leaves only points and blocks the next commit's retention drops.
     */
    QUEUED
}
