#!/usr/bin/env bash
# bench/shared_sweep.sh: what a sweep reads and costs on a store several vault nodes share (issue 14,
# session 19; not part of verify). On Azurite (the Azure Blob emulator), bench/SharedSweepBench.java
# makes, per round and per build (alternated, a new container and JVM each), MACHINES machines of POINTS
# points of an image of BLOCKS blocks of 64 bytes, 1% new in each, then prunes each machine's oldest
# point. Printed for that prune: the calling thread's and the process's CPU, the wall time, and the GET
# requests and MB received for manifest chunks and filter parts (manifests/), point files (points/),
# index/ and data/ files, and container listings (list); and (session 20) the other requests (PUT, DELETE,
# HEAD) per folder, with the seconds spent in them summed over the requests; and (session 21) the GETs
# of the commits that made the points, per folder (what each commit's refresh read), and their process
# CPU and wall; and (session 22) after the prune, in the same process, one more commit of each machine
# whose retention drops its oldest point (a vault in its steady state): their GETs per folder, CPU and wall;
# and (session 24) with a margin of 3 s, hot-region commits whose retention condemns packs (prune/ records),
# commits recent to those records, and once they are due a prune: the records before and after it, its GETs
# per folder, process CPU and wall (about 10 s of waiting per run); with DUE_PRUNE=other that prune is
# run by another node (a repository object of its own), which holds none of the recent points' filters.
#   with RTT_MS=N: each request of the prune waits N ms first (a round trip to a store farther than
#   loopback, simulated in the client: Azurite, one Node.js process, serves one request at a time);
#   with OLD_LIFEBOAT=/path/to/an/older/worktree/lifeboat (built with `package`): that build alternated
#   with this one.
# Usage: bench/shared_sweep.sh [MACHINES] [POINTS] [BLOCKS] [ROUNDS]   (default 4 4 50000 3).
# Needs: java 17, python3, node and Azurite 3.37.0 in .cache/azurite-3.37.0 (.ci/run installs it).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
machines="${1:-4}"
points="${2:-4}"
blocks="${3:-50000}"
rounds="${4:-3}"
need_tools java python3 node
builds=("this:$jar")
if [ -n "${OLD_LIFEBOAT:-}" ]; then
  old_jar="$(dirname "$OLD_LIFEBOAT")/lifeboat-cli/target/lifeboat.jar"
  [ -f "$old_jar" ] || { echo "bench: no $old_jar (build that worktree with package)" >&2; exit 2; }
  builds+=("old:$old_jar")
fi
start_azurite
machine_line
echo "${RTT_MS:+each request of the prune delayed ${RTT_MS} ms; }$machines machines x $points points of $blocks blocks (64 bytes, 1% new a point); prune drops each machine's oldest"
n=0
for r in $(seq 1 "$rounds"); do
  for b in "${builds[@]}"; do
    n=$((n + 1))
    azurite_container "sweep$n"
    classes="$work/classes-${b%%:*}"
    [ -d "$classes" ] || javac -nowarn -cp "${b#*:}" -d "$classes" "$here/bench/RetentionBench.java" "$here/bench/SharedSweepBench.java" 2>/dev/null
    java -cp "${b#*:}:$classes" SharedSweepBench "azure-blob://sweep$n/repo" "$work/tables$n" \
        "$machines" "$points" "$blocks" 2>/dev/null | awk -v label="round $r: ${b%%:*} build" \
        -v load="$(cut -d' ' -f1 /proc/loadavg)" '
      /^prune_cpu_s/ { c = $2 } /^prune_process_cpu_s/ { pc = $2 } /^prune_wall_s/ { w = $2 } /^prune_points/ { p = $2 }
      /^get_/ { k = substr($1, 5); g = g sprintf("  %s %d GET %.1f MB", k, $2, $3) }
      /^commit_process_cpu_s/ { cc = $2 } /^commit_wall_s/ { cw = $2 }
      /^commit_get_/ { k = substr($1, 12); cg = cg sprintf("  %s %d GET %.1f MB", k, $2, $3) }
      /^drop_process_cpu_s/ { dc = $2 } /^drop_wall_s/ { dw = $2 }
      /^drop_get_/ { k = substr($1, 10); dg = dg sprintf("  %s %d GET %.1f MB", k, $2, $3) }
      /^due_process_cpu_s/ { uc = $2 } /^due_wall_s/ { uw = $2 } /^due_records/ { ur = $2 " due, " $3 " deleted, " $4 " after it" }
      /^due_get_/ { k = substr($1, 9); ug = ug sprintf("  %s %d GET %.1f MB", k, $2, $3) }
      /^req_/ { k = substr($1, 5); sub("_", " ", k); o = o sprintf("  %s %d in %.2f s", k, $2, $3) }
      END { printf "%-22s prune of %d points: CPU %.2f s (process %.2f s), wall %.2f s;%s   load %s\n", label, p, c, pc, w, g, load
            if (o != "") printf "%-22s other requests:%s\n", "", o
            if (cg != "") printf "%-22s the commits before it: process CPU %.2f s, wall %.2f s;%s\n", "", cc, cw, cg
            if (dg != "") printf "%-22s a dropping commit a machine after it: process CPU %.2f s, wall %.2f s;%s\n", "", dc, dw, dg
            if (ur != "") printf "%-22s a prune of prune/ records (%s) with recent points: process CPU %.2f s, wall %.2f s;%s\n", "", ur, uc, uw, ug }'
    rm -rf "$work/tables$n"
  done
done
