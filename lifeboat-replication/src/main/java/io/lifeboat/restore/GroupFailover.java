package io.lifeboat.restore;

import io.lifeboat.repository.Repository;
import io.lifeboat.repository.groups.GroupPoint;
import io.lifeboat.repository.groups.MemberPoint;
import io.lifeboat.tls.LifeboatException;
import io.lifeboat.tls.LifeboatException.Kind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Restores every member of one group point ({@code failover --group}): each member's point to its
 * target, all members at once (one thread each), each exactly as {@link Failover} restores one
 * point. Every target is checked to be mapped before anything is written. When a member fails,
 * the others still finish, and the error names every member that failed.
 */
public final class GroupFailover {
    private final Repository repo;
    private final Function<MemberPoint, RestoreListener> listeners;

    /** @param listeners the progress listener of each member (called from that member's thread) */
    public GroupFailover(Repository repo, Function<MemberPoint, RestoreListener> listeners) {
        this.repo = repo;
        this.listeners = listeners;
    }

    /** What one member's restore did. */
    public record MemberResult(MemberPoint member, RestoreResult result) {
    }

    /**
     * @throws RestoreException USAGE when a member has no target (nothing is written); else the
     *         failure of the first member that failed (its kind, so its exit code), naming all that failed
     */
    public List<MemberResult> run(GroupPoint point, TargetMap map, FailoverOptions options) {
        List<Path> targets = map.targetsOf(point.members());
        List<MemberPoint> members = point.members();
        ExecutorService pool = Executors.newFixedThreadPool(members.size(), r -> {
            Thread t = new Thread(r, "group-failover");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<RestoreResult>> running = new ArrayList<>();
            for (int i = 0; i < members.size(); i++) {
                MemberPoint m = members.get(i);
                Path to = targets.get(i);
                running.add(pool.submit(() -> new Failover(repo, listeners.apply(m)).run(m.machine(), m.point(), to, options)));
            }
            List<MemberResult> out = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            LifeboatException first = null;
            for (int i = 0; i < members.size(); i++) {
                try {
                    out.add(new MemberResult(members.get(i), running.get(i).get()));
                } catch (ExecutionException e) {
                    LifeboatException x = e.getCause() instanceof LifeboatException l ? l
                            : new RestoreException(Kind.FAILED, String.valueOf(e.getCause()), e.getCause());
                    first = first == null ? x : first;
                    failed.add(members.get(i).member() + " (point " + members.get(i).point() + " to " + targets.get(i)
                            + "): " + x.getMessage());
                }
            }
            if (first != null) {
                throw new RestoreException(first.kind(), "group point " + point.round() + " of group " + point.group() + ": "
                        + failed.size() + " of " + members.size() + " members failed: " + String.join("; ", failed), first);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RestoreException(Kind.FAILED, "group failover interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
