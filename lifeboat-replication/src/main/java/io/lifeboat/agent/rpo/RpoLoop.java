package io.lifeboat.agent.rpo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lifeboat.agent.protect.ProtectCancelledException;
import io.lifeboat.agent.protect.ProtectResult;
import io.lifeboat.agent.protect.Protector;
import io.lifeboat.agent.protect.StopSignal;
import io.lifeboat.agent.protect.VaultTransport;
import io.lifeboat.tls.LifeboatException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The continuous mode with an RPO target: protect every source, report the achieved RPO, wait
 * what {@link RpoSchedule} says, repeat until stopped. Failures are handled as in
 * {@code ProtectLoop}: reported, retried next round.
 */
public final class RpoLoop {
    private static final Logger LOG = LoggerFactory.getLogger("lifeboat.agent");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Protector protector;
    private final VaultTransport vault;
    private final String machine;
    private final StopSignal stop;
    private final Consumer<LifeboatException> onFailure;
    private final Clock clock;
    private final Map<Path, Instant> lastCommit = new HashMap<>();

    public RpoLoop(Protector protector, VaultTransport vault, String machine, StopSignal stop,
            Consumer<LifeboatException> onFailure, Clock clock) {
        this.protector = protector;
        this.vault = vault;
        this.machine = machine;
        this.stop = stop;
        this.onFailure = onFailure;
        this.clock = clock;
    }

    /** Returns the number of rounds completed when a stop is requested. */
    public int run(List<Path> sources, RpoSchedule schedule, Runnable beforeRound) throws InterruptedException {
        int rounds = 0;
        while (!stop.requested()) {
            long roundStart = System.nanoTime();
            try {
                beforeRound.run();
            } catch (LifeboatException e) {
                onFailure.accept(e);
            }
            List<RpoReport.SourceRpo> done = new ArrayList<>();
            for (Path source : sources) {
                if (stop.requested()) {
                    return rounds;
                }
                long passStart = System.nanoTime();
                try {
                    ProtectResult r = protector.protect(source);
                    Instant now = clock.instant();
                    Instant before = lastCommit.put(source, now);
                    done.add(new RpoReport.SourceRpo(source, before == null ? null : Duration.between(before, now),
                            Duration.ofNanos(System.nanoTime() - passStart), now));
                    LOG.debug("point {} of {}", r.point().id(), source);
                } catch (ProtectCancelledException e) {
                    return rounds;
                } catch (LifeboatException e) {
                    onFailure.accept(e);
                }
            }
            rounds++;
            report(new RpoReport(schedule.target(), done));
            Duration round = Duration.ofNanos(System.nanoTime() - roundStart);
            Duration left = schedule.nextInterval(round).minus(round);
            if (!left.isNegative() && stop.await(left)) {
                return rounds;
            }
        }
        return rounds;
    }

    private void report(RpoReport r) {
        if (r.sources().isEmpty()) {
            return;
        }
        try {
            VaultTransport.Reply reply = vault.send(VaultTransport.Request.post("/v1/machines/" + machine + "/rpo",
                    "application/json", JSON.writeValueAsBytes(r.toJson())));
            if (!reply.ok()) {
                LOG.info("the vault did not take the RPO report (HTTP {})", reply.status());
            }
        } catch (IOException | RuntimeException e) {
            LOG.info("the RPO report was not sent: {}", e.toString());
        }
    }
}
