package io.lifeboat.restore;

import io.lifeboat.repository.groups.GroupMember;
import io.lifeboat.repository.groups.MemberPoint;
import io.lifeboat.tls.LifeboatException.Kind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each member of a group is restored ({@code failover --group G --to-map MAP}): one line per
 * member, {@code MEMBER = TARGET}, where MEMBER is {@code MACHINE} or {@code MACHINE:SOURCE} as the
 * group names it (or the full {@code MACHINE:SOURCE} of a member named by machine alone); blank
 * lines and lines starting with {@code #} are ignored.
 *
 * <pre>
 * # group web-tier, restored on the recovery site
 * db-1:/dev/sdb = /dev/vg-dr/db-1
 * web-1         = /srv/dr/web-1.img
 * </pre>
 */
public final class TargetMap {
    private final Map<String, Path> targets;
    private final String file;

    private TargetMap(Map<String, Path> targets, String file) {
        this.targets = targets;
        this.file = file;
    }

    /** @throws RestoreException USAGE naming the file and line of a line that is not {@code MEMBER = TARGET} */
    public static TargetMap parse(String text, String file) {
        Map<String, Path> targets = new LinkedHashMap<>();
        Map<Path, String> seen = new HashMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = file + ", line " + (i + 1);
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw usage(where + ": expected MEMBER = TARGET (MEMBER is MACHINE or MACHINE:SOURCE), got \"" + line + "\"");
            }
            String key = line.substring(0, eq).strip();
            String target = line.substring(eq + 1).strip();
            if (key.isEmpty() || target.isEmpty()) {
                throw usage(where + ": both the member and the target are needed: MEMBER = TARGET");
            }
            try {
                key = GroupMember.parse(key).toString();
            } catch (IllegalArgumentException e) {
                throw usage(where + ": " + e.getMessage());
            }
            Path to = Path.of(target).toAbsolutePath().normalize();
            if (targets.putIfAbsent(key, to) != null) {
                throw usage(where + ": member " + key + " is mapped twice");
            }
            String other = seen.putIfAbsent(to, key);
            if (other != null) {
                throw usage(where + ": target " + to + " is also the target of " + other);
            }
        }
        if (targets.isEmpty()) {
            throw usage(file + ": maps no member (one line per member: MEMBER = TARGET)");
        }
        return new TargetMap(targets, file);
    }

    /**
     * The target of each member point, in order; every member must have one and every line must name
     * a member, else a USAGE error listing what is wrong.
     */
    public List<Path> targetsOf(List<MemberPoint> members) {
        List<Path> out = new ArrayList<>();
        List<String> unmapped = new ArrayList<>();
        List<String> used = new ArrayList<>();
        for (MemberPoint m : members) {
            String key = targets.containsKey(m.member()) ? m.member()
                    : targets.containsKey(m.machine() + ":" + m.source()) ? m.machine() + ":" + m.source() : null;
            if (key == null) {
                unmapped.add(m.member());
                out.add(null);
            } else {
                used.add(key);
                out.add(targets.get(key));
            }
        }
        List<String> unknown = targets.keySet().stream().filter(k -> !used.contains(k)).toList();
        if (!unmapped.isEmpty() || !unknown.isEmpty()) {
            throw usage(file + ": " + (unmapped.isEmpty() ? "" : "no target for " + String.join(", ", unmapped)
                    + (unknown.isEmpty() ? "" : "; ")) + (unknown.isEmpty() ? "" : "not a member of the group point: "
                    + String.join(", ", unknown)) + " (members: " + String.join(", ", members.stream()
                    .map(MemberPoint::member).toList()) + ")");
        }
        return out;
    }

    private static RestoreException usage(String message) {
        return new RestoreException(Kind.USAGE, message);
    }
}
