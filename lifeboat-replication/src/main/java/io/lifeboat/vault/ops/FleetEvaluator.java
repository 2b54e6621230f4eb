package io.lifeboat.vault.ops;

import io.lifeboat.repository.PointInfo;
import io.lifeboat.vault.store.MachineRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Computes the fleet's health from the registry, the points, the thresholds and the time; pure. */
public final class FleetEvaluator {
    private FleetEvaluator() {
    }

    /**
     * @param machines the registry (a machine that has points but no record is still listed)
     * @param points   every point the repository keeps
     */
    public static FleetStatus evaluate(List<MachineRecord> machines, List<PointInfo> points, RpoSettings settings,
            Instant now) {
        Map<String, MachineRecord> records = new TreeMap<>();
        machines.forEach(m -> records.put(m.name(), m));
        Map<String, Map<String, List<PointInfo>>> bySource = new TreeMap<>();
        for (PointInfo p : points) {
            bySource.computeIfAbsent(p.machine(), k -> new TreeMap<>())
                    .computeIfAbsent(p.source(), k -> new ArrayList<>()).add(p);
            records.putIfAbsent(p.machine(), null);
        }
        List<MachineStatus> out = new ArrayList<>();
        for (Map.Entry<String, MachineRecord> e : records.entrySet()) {
            out.add(machine(e.getKey(), e.getValue(), bySource.getOrDefault(e.getKey(), Map.of()),
                    settings.forMachine(e.getKey()), now));
        }
        return new FleetStatus(now, out);
    }

    private static MachineStatus machine(String name, MachineRecord record, Map<String, List<PointInfo>> sources,
            RpoThresholds t, Instant now) {
        boolean revoked = record != null && record.status() == MachineRecord.Status.REVOKED;
        List<SourceStatus> list = new ArrayList<>();
        Health worst = Health.OK;
        for (Map.Entry<String, List<PointInfo>> s : sources.entrySet()) {
            PointInfo last = s.getValue().stream().max(java.util.Comparator.comparing(PointInfo::created)).orElseThrow();
            Duration rpo = Duration.between(last.created(), now);
            if (rpo.isNegative()) {
                rpo = Duration.ZERO; // a point stamped by a clock slightly ahead is fresh, not from the future
            }
            Health h = revoked ? Health.REVOKED : t.judge(rpo);
            worst = Health.worse(worst, h);
            list.add(new SourceStatus(name, s.getKey(), h, rpo, t, last, s.getValue().size()));
        }
        Health health = revoked ? Health.REVOKED : list.isEmpty() ? Health.NEVER_PROTECTED : worst;
        return new MachineStatus(name, health, t, record == null ? null : record.notAfter(), list);
    }
}
