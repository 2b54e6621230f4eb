package io.lifeboat.agent.rpo;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the agent tells the vault after a round: its target and, per source, the RPO it achieved
 * (time between its last two commits; absent after the first) and how long its pass took.
 */
public record RpoReport(Duration target, List<SourceRpo> sources) {

    public record SourceRpo(Path source, Duration achieved, Duration lastPass, Instant committed) {
    }

    public RpoReport {
        sources = List.copyOf(sources);
    }

    /** The request body: {@code {"targetSeconds", "sources": [{"source", "achievedSeconds"?, "lastPassSeconds"}]}}. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("targetSeconds", target.toSeconds());
        m.put("sources", sources.stream().map(s -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("source", s.source().toString());
            if (s.achieved() != null) {
                x.put("achievedSeconds", s.achieved().toSeconds());
            }
            x.put("lastPassSeconds", s.lastPass().toSeconds());
            return x;
        }).toList());
        return m;
    }
}
