#!/usr/bin/env bash
# bench/running_incr.sh: a running agent's 1% passes (issue 14, aim 3 for an agent as it is deployed:
# `agent protect --interval`, as a service runs), this tree's agent against another build's, both
# running at once into one vault (this tree's), their passes alternated in time.
#
# Each build's agent is a machine of its own with its own copy of one random image, protected once
# whole by a cold `--once` pass (unmeasured). Then both agents are started with `--interval INTERVAL`,
# the second half an interval after the first, so their passes alternate and never overlap. Before each
# of an agent's passes 1% of its copy is rewritten (bench/lib.sh change_image: scattered, unaligned
# 64 KiB pieces, the same places every time), right after its last commit. The first pass of each
# agent is a fresh JVM's (left out of the summary); the next PASSES are the warm 1% passes measured.
#
# Per pass it prints: the pass's own seconds (the "committed" event's, from the pass's start to its
# commit, the agent's clock), bytes on the wire, the agent's CPU seconds since its last commit (one pass:
# the agent is idle between passes), the vault's CPU seconds since the other agent's last commit (this
# pass's requests and commit), the load, and the agent's phase line (Protector's DEBUG line: read, its
# last batch sent, committed with the delta's building and the requests, records saved). Last, each
# build's medians.
#
# Usage: OLD_LIFEBOAT=/work/wt/old/lifeboat bench/running_incr.sh SIZE_MIB PASSES [INTERVAL_S]
# Needs: java 17, python3. Not part of `mvn verify`.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
size_mib="${1:?size in MiB}"
passes="${2:?passes}"
interval="${3:-8}"
old="${OLD_LIFEBOAT:?OLD_LIFEBOAT=the lifeboat launcher of another build}"
need_tools python3 java
machine_line

labels=(new old)
launchers=("$here/lifeboat" "$old")
warm_vault_with_image "$size_mib" running-incr
for i in 0 1; do
  cp "$img" "$work/img$i"
  enroll_agent "m$i" "$work/A$i"
  timeout 900 "${launchers[$i]}" agent protect --dir "$work/A$i" --once "$work/img$i" >/dev/null 2>&1
  archive_line "${launchers[$i]}"
  change_image "$work/img$i" >/dev/null
done

agent_pids=()
for i in 0 1; do
  [ "$i" = 1 ] && sleep "$(python3 -c "print($interval / 2)")"
  # the launcher execs java once its class-data archive exists (made by the --once pass above): $! is the JVM
  LIFEBOAT_JAVA_OPTS="-DLIFEBOAT_LOG_LEVEL=debug ${LIFEBOAT_JAVA_OPTS:-}" "${launchers[$i]}" agent protect \
    --dir "$work/A$i" --interval "${interval}s" --json "$work/img$i" >"$work/run$i.jsonl" 2>"$work/run$i.err" &
  pids+=($!); agent_pids+=($!)
done

python3 - "$passes" "$interval" "$vault_pid" "${agent_pids[0]}" "${agent_pids[1]}" "$work" "$tck" "${labels[@]}" \
  "$here/bench/lib.sh" <<'PY'
import json, os, re, statistics, subprocess, sys, time
passes, interval = int(sys.argv[1]), float(sys.argv[2])
vault, a0, a1, work, tck = sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6], int(sys.argv[7])
labels = sys.argv[8:10]
lib = sys.argv[10]
agents = [a0, a1]

def ticks(pid):
    f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return int(f[11]) + int(f[12])  # utime, stime (fields 14 and 15)

def change(path):  # bench/lib.sh's change_image, between passes (not in any pass's clock)
    subprocess.run(["bash", "-c", 'source "$0" && change_image "$1" >/dev/null', lib, path], check=True)

seen = [0, 0]
last_agent = [ticks(a) for a in agents]
last_vault = ticks(vault)
rows = [[], []]
deadline = time.time() + 60 + (passes + 2) * 2 * interval
while min(seen) < passes + 1 and time.time() < deadline:
    time.sleep(0.05)
    for i in (0, 1):
        lines = [l for l in open(f"{work}/run{i}.jsonl") if '"committed"' in l]
        if len(lines) <= seen[i]:
            continue
        e = json.loads(lines[seen[i]])
        seen[i] += 1
        load = open("/proc/loadavg").read().split()[0]
        at, vt = ticks(agents[i]), ticks(vault)
        acpu, vcpu = (at - last_agent[i]) / tck, (vt - last_vault) / tck
        last_agent[i], last_vault = at, vt
        if seen[i] <= passes:
            change(f"{work}/img{i}")
        phases = re.findall(r"the pass of .* in ms: (.*)", open(f"{work}/run{i}.err").read())
        first = seen[i] == 1
        # a fresh JVM's first pass may end before these counters start: its CPU is not shown
        cpu = "" if first else f"  agent CPU {acpu:.2f} s  vault CPU {vcpu:.2f} s"
        print(f"{labels[i]:<4} pass {seen[i]}{' (fresh JVM)' if first else ''}  load {load:>5}  pass {e['seconds']:.3f} s"
              f"  sent {e['bytesSent']}{cpu}", flush=True)
        if phases:
            print(f"     {phases[-1]}", flush=True)
        # how the pass set up its records: read and parsed from disk, or taken as the agent wrote them (session 25)
        setup = re.findall(r"((?:read|took) the records of .*)", open(f"{work}/run{i}.err").read())
        if setup:
            print(f"     {setup[-1]}", flush=True)
        if not first:
            rows[i].append((e["seconds"], acpu, vcpu))
for i in (0, 1):
    if rows[i]:
        s, a, v = zip(*rows[i])
        print(f"{labels[i]}: {len(s)} warm passes, median pass {statistics.median(s):.3f} s, agent CPU {statistics.median(a):.2f} s,"
              f" vault CPU {statistics.median(v):.2f} s")
PY
