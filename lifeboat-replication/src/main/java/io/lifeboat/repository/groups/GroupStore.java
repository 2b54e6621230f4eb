package io.lifeboat.repository.groups;

import static io.lifeboat.repository.groups.GroupFolder.pointFile;
import static io.lifeboat.repository.groups.GroupFolder.roundFile;

import io.lifeboat.repository.NotFoundException;
import io.lifeboat.repository.RepositoryException;
import io.lifeboat.repository.backend.Backend;
import io.lifeboat.repository.groups.GroupRefusedException.Code;
import io.lifeboat.tls.LifeboatException.Kind;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Consistency groups as files of the repository's {@link Backend}, under {@code groups/<group>/}:
 * definitions, rounds, member records, group points and incomplete marks. Every file is created
 * once (the backend's conditional create) and never rewritten, and every name is unique per round,
 * so any number of vault processes on one store agree without a lock: of two that race to open a
 * round or form a group point, one create wins and the other reads what it wrote.
 *
 * <p>A round opens when a member's agent asks for the current round and the last one is complete or
 * past its deadline; it takes one point per member, each committed after the round opened and
 * recorded before its deadline. The record that completes the round writes the group point. A
 * round past its deadline without one is incomplete; the vault writes its mark when it opens the
 * next round, and readers judge it by the deadline anyway.
 */
public final class GroupStore {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    private final GroupFolder folder;

    private GroupStore(Backend backend) {
        this.folder = new GroupFolder(backend);
    }

    public static GroupStore on(Backend backend) {
        return new GroupStore(backend);
    }

    // ---- definitions

    /** Stores a definition; rounds opened from now on use it. */
    public void define(GroupDefinition d) {
        GroupFolder.checkName(d.group());
        while (!folder.create(d.group(), "definition-" + STAMP.format(d.created()) + "-"
                + String.format("%08x", ThreadLocalRandom.current().nextInt()) + ".json", GroupFiles.definition(d))) {
            // a name taken in the same millisecond: draw again
        }
    }

    /** The group's newest definition. */
    public Optional<GroupDefinition> definition(String group) {
        GroupFolder.checkName(group);
        List<String> defs = folder.files(group, "definition-");
        return defs.isEmpty() ? Optional.empty() : Optional.of(folder.readDefinition(group, defs.get(defs.size() - 1)));
    }

    /** Every group's newest definition, by name. */
    public List<GroupDefinition> definitions() {
        List<GroupDefinition> out = new ArrayList<>();
        for (String g : folder.groups()) {
            definition(g).ifPresent(out::add);
        }
        return out;
    }

    /** The names of the groups that have files, sorted. */
    public List<String> groups() {
        return folder.groups();
    }

    // ---- rounds

    /**
     * The round a member's agent protects for now: the open one, or a new one when the last is
     * complete or past its deadline (then marked incomplete).
     *
     * @throws NotFoundException      when there is no such group
     * @throws GroupRefusedException NOT_A_MEMBER when {@code machine} is not a member
     */
    public GroupRound currentRound(String group, String machine, Instant now) {
        GroupFolder.checkName(group);
        List<String> defs = folder.files(group, "definition-");
        if (defs.isEmpty()) {
            throw noGroup(group);
        }
        String defName = defs.get(defs.size() - 1); // a new round waits on the members of the newest definition
        GroupDefinition def = folder.readDefinition(group, defName);
        if (!def.hasMachine(machine)) {
            throw new GroupRefusedException(Code.NOT_A_MEMBER, "machine " + machine + " is not a member of group " + group
                    + " (members: " + def.members() + "); add it with `lifeboat vault group set`");
        }
        for (int tries = 0; tries < 100; tries++) {
            List<String> rounds = folder.files(group, "round-");
            long next = 1;
            if (!rounds.isEmpty()) {
                GroupRound last = folder.readRound(group, rounds.get(rounds.size() - 1));
                boolean complete = folder.exists(group, pointFile(last.round()));
                if (!complete && !last.expired(now)) {
                    return last;
                }
                if (!complete) {
                    markIncomplete(last, now);
                }
                next = last.round() + 1;
            }
            GroupRound r = new GroupRound(group, next, now, now.plus(def.roundTimeout()), defName);
            if (folder.create(group, roundFile(next), GroupFiles.round(r))) {
                return r;
            }
            // another vault process opened it first: read theirs
        }
        throw new RepositoryException(Kind.FAILED, "cannot open a round of group " + group + ": the store keeps changing");
    }

    /** What recording a member point did. */
    public record Recorded(MemberPoint member, boolean alreadyRecorded, boolean complete) {
    }

    /**
     * Records {@code point} (committed at {@code pointCreated}) of {@code machine}'s {@code source}
     * for round {@code round}; the record that makes the round complete writes the group point.
     * Recording the same member again answers what it recorded first.
     *
     * @throws NotFoundException      when the group or the round does not exist
     * @throws GroupRefusedException for a point the round will not take (the code says why)
     */
    public Recorded record(String group, long round, String machine, String source, String point, Instant pointCreated,
            Instant now) {
        GroupFolder.checkName(group);
        if (!folder.exists(group, roundFile(round))) {
            throw new NotFoundException("group " + group + " has no round " + round);
        }
        GroupRound r = folder.readRound(group, roundFile(round));
        GroupDefinition def = folder.readDefinition(group, r.definition());
        GroupMember member = def.memberFor(machine, source).orElseThrow(() -> new GroupRefusedException(Code.NOT_A_MEMBER,
                "source " + source + " of machine " + machine + " is not a member of group " + group + " (members: "
                        + def.members() + ")"));
        String file = GroupFolder.memberFile(round, machine, source);
        if (folder.exists(group, file)) {
            return new Recorded(folder.readMember(group, file), true, folder.exists(group, pointFile(round)));
        }
        if (folder.exists(group, pointFile(round))) {
            throw new GroupRefusedException(Code.ROUND_CLOSED, "round " + round + " of group " + group
                    + " is complete already without this point");
        }
        if (r.expired(now)) {
            throw new GroupRefusedException(Code.ROUND_TIMED_OUT, "round " + round + " of group " + group + " timed out at "
                    + r.deadline() + " before point " + point + " of " + machine + " was recorded; it is incomplete");
        }
        if (pointCreated.isBefore(r.opened())) {
            throw new GroupRefusedException(Code.POINT_BEFORE_ROUND, "point " + point + " of " + machine + " was committed at "
                    + pointCreated + ", before round " + round + " of group " + group + " opened at " + r.opened());
        }
        List<MemberPoint> recorded = folder.members(group, round);
        if (member.source() == null) {
            for (MemberPoint m : recorded) {
                if (m.member().equals(member.toString()) && !m.source().equals(source)) {
                    throw new GroupRefusedException(Code.SOURCE_MISMATCH, "member " + member + " of group " + group
                            + " recorded source " + m.source() + " in round " + round + " already, not " + source
                            + ": name each source in the group (MACHINE:SOURCE)");
                }
            }
        }
        MemberPoint mine = new MemberPoint(member.toString(), machine, source, point, now);
        if (!folder.create(group, file, GroupFiles.member(round, mine))) {
            return new Recorded(folder.readMember(group, file), true, folder.exists(group, pointFile(round)));
        }
        // listed again after the create: of two members recording at once, at least one sees the other
        List<MemberPoint> all = onePerMember(def, folder.members(group, round));
        boolean complete = all.size() == def.members().size();
        if (complete) {
            folder.create(group, pointFile(round), GroupFiles.point(group, round, now, all)); // false: another record formed it
        }
        return new Recorded(mine, false, complete);
    }

    // ---- group points

    /** Every round of the group, oldest first, with where it stands at {@code now}. */
    public List<GroupPoint> points(String group, Instant now) {
        GroupFolder.checkName(group);
        List<String> names = folder.files(group, "");
        List<GroupPoint> out = new ArrayList<>();
        for (String name : names) {
            if (name.startsWith("round-")) {
                out.add(state(group, folder.readRound(group, name), names, now));
            }
        }
        return out;
    }

    /**
     * A complete group point: "latest" (the newest complete one) or a round number.
     *
     * @throws NotFoundException when there is none, or that round is not complete (says why)
     */
    public GroupPoint point(String group, String idOrLatest, Instant now) {
        if (definition(group).isEmpty()) {
            throw noGroup(group);
        }
        List<GroupPoint> all = points(group, now);
        if (idOrLatest == null || idOrLatest.equals("latest")) {
            for (int i = all.size() - 1; i >= 0; i--) {
                if (all.get(i).status() == GroupPoint.Status.COMPLETE) {
                    return all.get(i);
                }
            }
            throw new NotFoundException("group " + group + " has no complete group point yet (see `lifeboat points --group "
                    + group + "`)");
        }
        for (GroupPoint p : all) {
            if (p.id().equals(idOrLatest)) {
                if (p.status() != GroupPoint.Status.COMPLETE) {
                    throw new NotFoundException("round " + p.round() + " of group " + group + " is " + p.status().name()
                            .toLowerCase(java.util.Locale.ROOT) + " (missing " + String.join(", ", p.missing())
                            + "): pick a complete group point");
                }
                return p;
            }
        }
        throw new NotFoundException("group " + group + " has no round " + idOrLatest + " (see `lifeboat points --group "
                + group + "`)");
    }

    /**
     * The points retention must keep: those the newest complete group point of each group names,
     * as {@code "machine/pointId"} with the reason.
     */
    public Map<String, String> newestCompletePins() {
        Map<String, String> pins = new LinkedHashMap<>();
        for (String group : folder.groups()) {
            List<String> points = folder.files(group, "point-");
            if (points.isEmpty()) {
                continue;
            }
            String newest = points.get(points.size() - 1);
            for (MemberPoint m : folder.readPoint(group, newest).members()) {
                pins.put(m.machine() + "/" + m.point(), "newest group point of " + group + " (" + newest
                        .substring("point-".length(), newest.length() - ".json".length()).replaceFirst("^0+", "") + ")");
            }
        }
        return pins;
    }

    /**
     * Deletes the files of closed rounds that are of no more use: a round is kept while every
     * member point it holds still exists ({@code pointExists}, by machine and point id) and it is
     * complete or newer than the group's newest complete round (an incomplete round is kept only as
     * a record of what went wrong since). The last round is always kept (rounds are numbered from
     * it). Only the repository's writer calls this, from retention. Every round but the last is
     * closed for good, so no record races the deletion; the round file goes last, so an interrupted
     * run leaves a round that reads as incomplete and goes next time.
     *
     * @return the number of rounds deleted
     */
    public int pruneRounds(java.util.function.BiPredicate<String, String> pointExists) {
        int removed = 0;
        for (String group : folder.groups()) {
            List<String> names = folder.files(group, "");
            List<String> rounds = names.stream().filter(n -> n.startsWith("round-")).toList();
            List<String> points = names.stream().filter(n -> n.startsWith("point-")).toList();
            long newestComplete = points.isEmpty() ? 0 : GroupFolder.roundOf(points.get(points.size() - 1));
            for (int i = 0; i < rounds.size() - 1; i++) {
                long round = GroupFolder.roundOf(rounds.get(i));
                String point = pointFile(round);
                boolean complete = names.contains(point);
                List<MemberPoint> held = complete ? folder.readPoint(group, point).members()
                        : folder.members(group, round);
                boolean whole = !held.isEmpty() && held.stream().allMatch(m -> pointExists.test(m.machine(), m.point()));
                if (!whole || !complete && round < newestComplete) {
                    deleteRound(group, round, names);
                    removed++;
                }
            }
        }
        return removed;
    }

    private void deleteRound(String group, long round, List<String> names) {
        List<String> doomed = new ArrayList<>();
        doomed.add(pointFile(round));
        doomed.add(GroupFolder.incompleteFile(round));
        names.stream().filter(n -> n.startsWith(GroupFolder.memberPrefix(round))).forEach(doomed::add);
        doomed.add(roundFile(round)); // last: an interrupted run leaves a round that reads as incomplete
        for (String name : doomed) {
            folder.delete(group, name);
        }
    }

    private GroupPoint state(String group, GroupRound r, List<String> names, Instant now) {
        GroupDefinition def = folder.readDefinition(group, r.definition());
        String pointName = pointFile(r.round());
        if (names.contains(pointName)) {
            GroupFiles.Formed f = folder.readPoint(group, pointName);
            return new GroupPoint(group, r.round(), GroupPoint.Status.COMPLETE, r.opened(), r.deadline(), f.formed(),
                    f.members(), List.of());
        }
        List<MemberPoint> recorded = folder.members(group, r.round());
        List<String> missing = new ArrayList<>();
        for (GroupMember m : def.members()) {
            if (recorded.stream().noneMatch(x -> x.member().equals(m.toString()))) {
                missing.add(m.toString());
            }
        }
        GroupPoint.Status status = r.expired(now) ? GroupPoint.Status.INCOMPLETE : GroupPoint.Status.OPEN;
        return new GroupPoint(group, r.round(), status, r.opened(), r.deadline(), null, recorded, missing);
    }

    private static List<MemberPoint> onePerMember(GroupDefinition def, List<MemberPoint> recorded) {
        List<MemberPoint> out = new ArrayList<>();
        for (GroupMember m : def.members()) {
            recorded.stream().filter(x -> x.member().equals(m.toString())).findFirst().ifPresent(out::add);
        }
        return out;
    }

    private void markIncomplete(GroupRound r, Instant now) {
        List<String> missing = state(r.group(), r, folder.files(r.group(), ""), now).missing();
        folder.create(r.group(), GroupFolder.incompleteFile(r.round()), GroupFiles.incomplete(r.group(), r.round(), now, missing));
    }

    private static NotFoundException noGroup(String group) {
        return new NotFoundException("there is no consistency group " + group + "; define it with `lifeboat vault group set "
                + group + " --member MACHINE[:SOURCE]...`");
    }
}
