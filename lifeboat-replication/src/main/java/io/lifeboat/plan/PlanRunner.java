package io.lifeboat.plan;

import io.lifeboat.plan.StepReport.Kind;
import io.lifeboat.plan.StepReport.Status;
import io.lifeboat.repository.PointInfo;
import io.lifeboat.repository.Repository;
import io.lifeboat.repository.groups.GroupStore;
import io.lifeboat.restore.Failover;
import io.lifeboat.restore.FailoverOptions;
import io.lifeboat.restore.RestoreListener;
import io.lifeboat.restore.RestoreResult;
import io.lifeboat.tls.LifeboatException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a checked plan ({@code lifeboat plan run}): groups one after another in {@link
 * PlanCheck#order}; in each, the group's pre-script, then its failovers all at once (each with its
 * own pre- and post-script around it), then the group's post-script, then its pause. The first
 * failure stops the plan once the group's running failovers have finished; nothing later starts,
 * and the report names the step. A test run restores into scratch targets and reads them back; the
 * repository is only read in either mode (open it read-only).
 */
public final class PlanRunner {
    private final Repository repo;
    private final GroupStore groups;
    private final PlanScripts scripts;
    private final PlanPauses pauses;
    private final PlanListener listener;

    public PlanRunner(Repository repo, GroupStore groups, PlanScripts scripts, PlanPauses pauses, PlanListener listener) {
        this.repo = repo;
        this.groups = groups;
        this.scripts = scripts;
        this.pauses = pauses;
        this.listener = listener == null ? PlanListener.NONE : listener;
    }

    /** @param plan a plan {@link PlanCheck#check} found no problem in */
    public PlanReport run(Plan plan, PlanRunOptions options) {
        List<String> order = PlanCheck.order(plan);
        Map<String, Plan.Group> byName = new LinkedHashMap<>();
        plan.groups().forEach(g -> byName.put(g.name(), g));
        List<StepReport> done = new ArrayList<>();
        for (String name : order) {
            Plan.Group g = byName.get(name);
            String failed = runGroup(plan, g, options, done);
            if (failed != null) {
                return new PlanReport(plan.name(), options.test(), order, done, failed);
            }
        }
        return new PlanReport(plan.name(), options.test(), order, done, null);
    }

    /** Runs one group; returns the name of the step that stopped the plan, or null. */
    private String runGroup(Plan plan, Plan.Group g, PlanRunOptions options, List<StepReport> done) {
        Map<String, String> env = env(plan, g, options);
        if (g.preScript() != null && !script(g.name() + "/pre-script", g.name(), g.preScript(), with(env, "pre"), done)) {
            return g.name() + "/pre-script";
        }
        List<List<StepReport>> perStep = failovers(plan, g, options, env);
        String failed = null;
        for (List<StepReport> steps : perStep) {
            done.addAll(steps);
            for (StepReport s : steps) {
                failed = failed == null && s.status() == Status.FAILED ? s.name() : failed;
            }
        }
        if (failed != null) {
            return failed;
        }
        if (g.postScript() != null && !script(g.name() + "/post-script", g.name(), g.postScript(), with(env, "post"), done)) {
            return g.name() + "/post-script";
        }
        if (g.pause() != null) {
            String step = g.name() + "/pause";
            Instant start = Instant.now();
            listener.started(step);
            StepReport r;
            if (options.yes()) {
                r = StepReport.of(step, Kind.PAUSE, g.name(), start, Status.SKIPPED, g.pause());
            } else {
                r = StepReport.of(step, Kind.PAUSE, g.name(), start, pauses.confirm(g.name(), g.pause()) ? Status.OK
                        : Status.STOPPED, g.pause());
            }
            listener.finished(r);
            done.add(r);
            if (r.status() == Status.STOPPED) {
                return step;
            }
        }
        return null;
    }

    /** The group's failovers at once, one thread each; each step's reports in plan order. */
    private List<List<StepReport>> failovers(Plan plan, Plan.Group g, PlanRunOptions options, Map<String, String> env) {
        ExecutorService pool = Executors.newFixedThreadPool(g.steps().size(), r -> {
            Thread t = new Thread(r, "plan-" + g.name());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<List<StepReport>>> running = new ArrayList<>();
            for (int i = 0; i < g.steps().size(); i++) {
                Plan.Step s = g.steps().get(i);
                Path target = options.test() ? scratchTarget(options.scratch(), g.name(), i, s) : Path.of(s.to());
                running.add(pool.submit(() -> step(g, s, target, options, env)));
            }
            List<List<StepReport>> out = new ArrayList<>();
            for (Future<List<StepReport>> f : running) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlanRunException("the plan run was interrupted in group " + g.name());
        } catch (ExecutionException e) {
            throw new IllegalStateException("a plan step failed outside its report", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** One failover step with its scripts: pre-script, failover, post-script; stops at the first failure. */
    private List<StepReport> step(Plan.Group g, Plan.Step s, Path target, PlanRunOptions options, Map<String, String> groupEnv) {
        String name = g.name() + "/" + s.machine() + (s.source() == null ? "" : ":" + s.source());
        Map<String, String> env = new LinkedHashMap<>(groupEnv);
        env.put("LIFEBOAT_MACHINE", s.machine());
        env.put("LIFEBOAT_TARGET", target.toString());
        List<StepReport> out = new ArrayList<>();
        if (s.preScript() != null && !script(name + "/pre-script", g.name(), s.preScript(), with(env, "pre"), out)) {
            return out;
        }
        Instant start = Instant.now();
        listener.started(name);
        StepReport r;
        String pointId = null;
        try {
            PointInfo p = PointChoice.choose(repo, groups, s, options.point() != null ? options.point() : s.point(), start);
            pointId = p.id();
            if (options.test()) {
                java.nio.file.Files.createDirectories(target.getParent());
            }
            RestoreListener warnings = new RestoreListener() {
                @Override
                public void warning(String message) {
                    listener.warning(name, message);
                }
            };
            RestoreResult res = new Failover(repo, warnings).run(s.machine(), p.id(), target,
                    new FailoverOptions(options.test(), options.force(), false, options.deviceMarkers()));
            r = new StepReport(name, Kind.FAILOVER, g.name(), s.machine(), target.toString(), p.id(), Status.OK,
                    res.bytesRestored(), res.bytesFetched(), res.bytesWritten(), start, Instant.now(), null);
        } catch (LifeboatException | java.io.IOException | java.io.UncheckedIOException e) {
            r = new StepReport(name, Kind.FAILOVER, g.name(), s.machine(), target.toString(), pointId, Status.FAILED, 0, 0,
                    0, start, Instant.now(), e.getMessage());
        }
        listener.finished(r);
        out.add(r);
        if (r.status() == Status.OK && s.postScript() != null) {
            env.put("LIFEBOAT_POINT", pointId);
            script(name + "/post-script", g.name(), s.postScript(), with(env, "post"), out);
        }
        return out;
    }

    /** Runs one script as a step; true when it exited 0. */
    private boolean script(String step, String group, String command, Map<String, String> env, List<StepReport> out) {
        Instant start = Instant.now();
        listener.started(step);
        PlanScripts.Outcome o = scripts.run(command, env);
        StepReport r = o.exitStatus() == 0 ? StepReport.of(step, Kind.SCRIPT, group, start, Status.OK, command)
                : StepReport.of(step, Kind.SCRIPT, group, start, Status.FAILED, command + " exited with status "
                        + o.exitStatus() + (o.lastLine().isEmpty() ? "" : ": " + o.lastLine()));
        listener.finished(r);
        out.add(r);
        return r.status() == Status.OK;
    }

    private static Map<String, String> env(Plan plan, Plan.Group g, PlanRunOptions options) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("LIFEBOAT_PLAN", plan.name());
        env.put("LIFEBOAT_GROUP", g.name());
        env.put("LIFEBOAT_TEST", options.test() ? "1" : "0");
        return env;
    }

    private static Map<String, String> with(Map<String, String> env, String phase) {
        Map<String, String> m = new LinkedHashMap<>(env);
        m.put("LIFEBOAT_PHASE", phase);
        return m;
    }

    /** {@code SCRATCH/GROUP/N-MACHINE}, names made file-safe: a test run never writes a plan's real target. */
    static Path scratchTarget(Path scratch, String group, int index, Plan.Step s) {
        return scratch.resolve(safe(group)).resolve((index + 1) + "-" + safe(s.machine()));
    }

    private static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
