package io.lifeboat.plan;

import io.lifeboat.repository.NotFoundException;
import io.lifeboat.repository.PointInfo;
import io.lifeboat.repository.Repository;
import io.lifeboat.repository.groups.GroupPoint;
import io.lifeboat.repository.groups.GroupStore;
import io.lifeboat.repository.groups.MemberPoint;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Which point a plan step restores: "latest" (of the step's source when it names one),
 * "latest-group" (the member point of the newest complete group point, of any group, that names the
 * step's machine and source), or an id or unique prefix.
 */
final class PointChoice {
    static final String LATEST_GROUP = "latest-group";

    private PointChoice() {
    }

    /** @throws NotFoundException naming the step's machine when there is no such point */
    static PointInfo choose(Repository repo, GroupStore groups, Plan.Step step, String choice, Instant now) {
        String machine = step.machine();
        if (choice.equals(LATEST_GROUP)) {
            return repo.point(machine, newestGroupMember(groups, step, now).orElseThrow(() -> new NotFoundException(
                    "no complete group point names machine " + machine + (step.source() == null ? "" : " source "
                            + step.source()) + " (see `lifeboat points --group`)")).point());
        }
        if (choice.equals("latest") && step.source() != null) {
            List<PointInfo> mine = repo.points(Optional.of(machine)).stream()
                    .filter(p -> p.source().equals(step.source())).toList();
            if (mine.isEmpty()) {
                throw new NotFoundException("machine " + machine + " has no point of source " + step.source());
            }
            return mine.get(mine.size() - 1);
        }
        PointInfo p = repo.point(machine, choice);
        if (step.source() != null && !p.source().equals(step.source())) {
            throw new NotFoundException("point " + p.id() + " of machine " + machine + " is of " + p.source()
                    + ", not of the step's source " + step.source());
        }
        return p;
    }

    private static Optional<MemberPoint> newestGroupMember(GroupStore groups, Plan.Step step, Instant now) {
        MemberPoint best = null;
        Instant bestFormed = null;
        for (String g : groups.groups()) {
            List<GroupPoint> points = groups.points(g, now);
            for (int i = points.size() - 1; i >= 0; i--) {
                GroupPoint gp = points.get(i);
                if (gp.status() != GroupPoint.Status.COMPLETE) {
                    continue;
                }
                Optional<MemberPoint> m = gp.members().stream().filter(x -> x.machine().equals(step.machine())
                        && (step.source() == null || x.source().equals(step.source()))).findFirst();
                if (m.isPresent()) {
                    if (bestFormed == null || gp.formed().isAfter(bestFormed)) {
                        best = m.get();
                        bestFormed = gp.formed();
                    }
                    break; // the newest complete one of this group that names the step
                }
            }
        }
        return Optional.ofNullable(best);
    }
}
