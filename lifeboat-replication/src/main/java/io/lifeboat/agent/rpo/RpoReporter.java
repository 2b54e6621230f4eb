package io.lifeboat.agent.rpo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lifeboat.agent.protect.ProtectLoop;
import io.lifeboat.agent.protect.ProtectResult;
import io.lifeboat.agent.protect.VaultTransport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports to the vault, after every round of {@link ProtectLoop}, the RPO each source achieved
 * (the time between its last two commits) and how long its pass took. A report the vault cannot
 * take is logged and dropped: it never stops protection.
 */
public final class RpoReporter implements ProtectLoop.RoundListener {
    private static final Logger LOG = LoggerFactory.getLogger("lifeboat.agent");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final VaultTransport vault;
    private final String machine;
    private final Duration target;
    private final Clock clock;
    private final Map<Path, Instant> lastCommit = new HashMap<>();
    private final List<RpoReport.SourceRpo> round = new ArrayList<>();

    public RpoReporter(VaultTransport vault, String machine, Duration target, Clock clock) {
        this.vault = vault;
        this.machine = machine;
        this.target = target;
        this.clock = clock;
    }

    @Override
    public void passCommitted(Path source, ProtectResult result, Duration took) {
        Instant now = clock.instant();
        Instant before = lastCommit.put(source, now);
        round.add(new RpoReport.SourceRpo(source, before == null ? null : Duration.between(before, now), took, now));
    }

    @Override
    public void roundFinished() {
        if (round.isEmpty()) {
            return;
        }
        RpoReport report = new RpoReport(target, List.copyOf(round));
        round.clear();
        try {
            VaultTransport.Reply reply = vault.send(VaultTransport.Request.post("/v1/machines/" + machine + "/rpo",
                    "application/json", JSON.writeValueAsBytes(report.toJson())));
            if (!reply.ok()) {
                LOG.info("the vault did not take the RPO report (HTTP {})", reply.status());
            }
        } catch (IOException | RuntimeException e) {
            LOG.info("the RPO report was not sent: {}", e.toString());
        }
    }
}
