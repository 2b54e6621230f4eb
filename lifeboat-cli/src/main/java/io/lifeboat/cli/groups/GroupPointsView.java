package io.lifeboat.cli.groups;

import io.lifeboat.repository.groups.GroupPoint;
import io.lifeboat.repository.groups.MemberPoint;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code points --group G}: a group's rounds as text or JSON. */
public final class GroupPointsView {
    private GroupPointsView() {
    }

    public static void text(String group, List<GroupPoint> points, PrintStream out) {
        if (points.isEmpty()) {
            out.println("group " + group + " has no rounds yet (its members protect with `agent protect --group " + group + "`)");
            return;
        }
        for (GroupPoint p : points) {
            out.printf(Locale.ROOT, "round %-6d %-10s opened %s%s%n", p.round(), p.status().name().toLowerCase(Locale.ROOT),
                    p.opened().toString().replaceFirst("\\.\\d+Z$", "Z"),
                    p.missing().isEmpty() ? "" : ", missing " + String.join(", ", p.missing()));
            for (MemberPoint m : p.members()) {
                out.printf(Locale.ROOT, "    %-30s point %s (%s)%n", m.member(), m.point(), m.source());
            }
        }
    }

    public static Map<String, Object> json(String group, List<GroupPoint> points) {
        return Map.of("group", group, "groupPoints", points.stream().map(GroupPointsView::json).toList());
    }

    static Map<String, Object> json(GroupPoint p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("round", p.round());
        m.put("status", p.status().name().toLowerCase(Locale.ROOT));
        m.put("opened", p.opened().toString());
        m.put("deadline", p.deadline().toString());
        m.put("formed", p.formed() == null ? null : p.formed().toString());
        m.put("members", p.members().stream().map(x -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("member", x.member());
            e.put("machine", x.machine());
            e.put("source", x.source());
            e.put("point", x.point());
            return e;
        }).toList());
        m.put("missing", p.missing());
        return m;
    }
}
