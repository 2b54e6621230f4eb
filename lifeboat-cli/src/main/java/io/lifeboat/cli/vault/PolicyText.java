package io.lifeboat.cli.vault;

import io.lifeboat.cli.SizeOption;
import io.lifeboat.repository.Durations;
import io.lifeboat.repository.StoragePolicy;
import java.io.PrintWriter;

/** The vault's storage policy as text, for {@code vault policy} and {@code vault machines}. */
final class PolicyText {
    private PolicyText() {
    }

    static void print(StoragePolicy p, PrintWriter out) {
        out.printf("%-14s %s (machines without their own)%n", "retention", p.retention().describe());
        p.machines().forEach((m, r) -> out.printf("  %-12s %s%n", m, r.describe()));
        out.printf("%-14s %s (no point younger is deleted, except by `lifeboat prune`)%n", "lock period",
                Durations.format(p.lockPeriod()));
        out.printf("%-14s %s of free disk (below it, uploads of new blocks are refused)%n", "reserve",
                SizeOption.format(p.freeSpaceReserve()));
        out.flush();
    }
}
