package io.lifeboat.agent.group;

import io.lifeboat.agent.protect.ProtectListener;
import io.lifeboat.agent.protect.ProtectLoop;
import io.lifeboat.agent.protect.ProtectResult;
import io.lifeboat.tls.LifeboatException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code agent protect --group G}: before each round (before any snapshot or read) it asks the
 * vault for G's current round; after each committed pass it records the point for that round. A
 * record the vault refuses (the round timed out, say) does not fail the pass: the point is kept as
 * an ordinary point and the pass says so in a notice. Used as the loop's {@code beforeRound} and
 * as a {@link ProtectLoop.RoundListener}; {@code agent protect --once} calls the same two methods.
 */
public final class GroupMembership implements ProtectLoop.RoundListener {
    private final GroupClient client;
    private final ProtectListener listener;
    private volatile long round = -1;

    public GroupMembership(GroupClient client, ProtectListener listener) {
        this.client = client;
        this.listener = listener;
    }

    /**
     * Asks for the round this round of passes belongs to.
     *
     * @throws LifeboatException when the vault cannot say (USAGE for a group that does not exist or
     *                           does not have this machine); the passes then record nothing
     */
    public void beforeRound() {
        round = -1;
        round = client.currentRound();
    }

    /** The round asked for last, or -1 when none could be had. */
    public long round() {
        return round;
    }

    @Override
    public void passCommitted(Path source, ProtectResult result, Duration took) {
        long r = round;
        if (r < 0) {
            listener.notice("group " + client.group() + ": point " + result.point().id() + " of " + source
                    + " is not a group member point: the vault gave no round for this pass");
            return;
        }
        try {
            GroupClient.Recorded rec = client.record(r, source, result.point().id());
            listener.notice("group " + client.group() + ": point " + result.point().id() + " of " + source
                    + (rec.alreadyRecorded() ? " not recorded: this member already has a point in round " + r
                            : " recorded for round " + r) + (rec.complete() ? " (round complete: a group point)" : ""));
        } catch (LifeboatException e) {
            listener.notice("group " + client.group() + ": point " + result.point().id() + " of " + source
                    + " is kept as an ordinary point, not in round " + r + ": " + e.getMessage());
        }
    }
}
