# Sourced by the `lifeboat` launcher (and its test, LauncherTest): what the launcher decides before
# the JVM starts. Bash.

# agent_protect_jit [OPTS]: the JIT options of `agent protect`, one a line. The thresholds four times higher
# (only what runs hot is compiled: a cold full pass's compiler threads 0.9 CPU s per GiB instead of
# 1.6-2.1, docs/performance.md session 9), except for the block fingerprint's one large method
# (hash4j's XXH3-128, 2.7 KB of bytecode, called once per 32 KiB block), which keeps the JVM's own
# thresholds (x4 x 0.25): with x4 a cold pass fingerprinted its first 400 or so blocks interpreted,
# 50 times slower than compiled, while C1 took its time over the method, 0.19-0.35 CPU s of a read
# rescan of 1 GiB against 0.09 ("The fingerprint's first blocks (issue 14, session 15)").
# CompileCommand=quiet keeps the JVM's line about the command off stdout (where --json writes).
# Nothing when OPTS (LIFEBOAT_JAVA_OPTS) set a threshold of the whole JIT themselves; a per-method
# command (CompileCommand=CompileThresholdScaling,METHOD,...) is not one, and keeps these options.
agent_protect_jit() {
  case " ${1:-} " in
    *" -XX:CompileThreshold"* | *" -XX:Tier"*"Threshold="*) return 0 ;;
  esac
  echo "-XX:CompileThresholdScaling=4"
  echo "-XX:CompileCommand=quiet"
  echo "-XX:CompileCommand=CompileThresholdScaling,com.dynatrace.hash4j.hashing.XXH3_128::hashBytesTo128Bits,0.25"
}

# once_pass_heap OPTS: the heap options of a one-shot pass (`agent protect --once`), one a line, or
# nothing when OPTS (LIFEBOAT_JAVA_OPTS) size the heap or its generations themselves (a user's -Xmx
# with our initial size could start no JVM at all). The JVM's own start is 1/64 of RAM with a third
# of it young: on 24 GB an eden of 100 MB, which a fresh 1% pass of a 50,000-file tree filled once
# or twice, the first time just after loading its two records, so the serial collector stopped the
# pass to copy the records' 30-40 MB of live objects (95-460 ms of pause at load 9-13). An initial
# heap of 6% of RAM, a third of it young as before (an eden of 385 MB on 24 GB), lets such a pass
# end without a collection. Pages are touched only as objects are allocated, and the maximum heap
# and its split are the JVM's own: a larger tree collects as before, less often, and the old
# generation may still grow to two thirds of the heap (NewRatio=1, also tried, would have cut that
# to a half: a tree whose records fit before could have run out of heap). "A one-shot pass's heap
# (issue 14, session 21)" in docs/performance.md.
once_pass_heap() {
  case " ${1:-} " in
    *" -Xm"* | *HeapSize* | *RAMPercentage* | *RAMFraction* | *NewSize* | *NewRatio*) return 0 ;;
  esac
  echo "-XX:InitialRAMPercentage=6"
}

# once_pass ARGS...: true for `agent protect ... --once ...` whatever its sources are (an image, a
# device, a file, a folder, or sources named by --config): a process that makes one pass and ends.
# Scanned up to `--`, after which every word is a source's path; picocli takes no option-like word
# as an option's value, so a word `--once` before it is the flag.
once_pass() {
  [ "${1:-}" = agent ] && [ "${2:-}" = protect ] || return 1
  shift 2
  local arg
  for arg in "$@"; do
    case "$arg" in
      --once) return 0 ;;
      --) return 1 ;;
    esac
  done
  return 1
}

# failover_run ARGS...: true for `failover ...` (one point, or a group's points with --group,
# restored to their targets; `--test` reads them back): a run that hashes every block it restores
# and ends when they are written.
failover_run() {
  [ "${1:-}" = failover ]
}

# compiler_directives ARGS...: prints the JIT directives file (beside this script) for the command
# line ARGS, or nothing when it keeps the full tiered JIT: protect-once.directives for a one-shot
# pass, failover.directives for a failover (each lists what its own run hashes, the rest stops at
# C1), vault-serve.directives for the vault (it lists what stops at C1).
compiler_directives() {
  local dir
  dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
  if once_pass "$@"; then
    echo "$dir/protect-once.directives"
  elif failover_run "$@"; then
    echo "$dir/failover.directives"
  elif [ "${1:-} ${2:-}" = "vault serve" ]; then
    echo "$dir/vault-serve.directives"
  fi
}

# native_libraries JAR DIR: true when DIR holds the netty-tcnative libraries of JAR
# (META-INF/native/libnetty_tcnative_*), extracting them first when DIR is missing or older than
# JAR: into DIR.PID, renamed into place, so no run ever loads half a library. False (and nothing
# left behind) without `unzip`, without such a library in JAR, or where DIR cannot be written.
native_libraries() {
  local jar="$1" dir="$2"
  if [ ! -d "$dir" ] || [ "$jar" -nt "$dir" ]; then
    command -v unzip >/dev/null && [ -w "$(dirname "$dir")" ] || return 1
    rm -rf "$dir.$$" && mkdir "$dir.$$" \
      && unzip -q -j "$jar" 'META-INF/native/libnetty_tcnative_*' -d "$dir.$$" >/dev/null 2>&1 \
      && rm -rf "$dir" && mv -T "$dir.$$" "$dir" 2>/dev/null
    rm -rf "$dir.$$"
  fi
  [ -d "$dir" ] && ! [ "$jar" -nt "$dir" ]
}

# class_archive_ready ARCHIVE JAR: true when ARCHIVE holds something and was made after JAR was built
# (an archive of another build's classes is never used: the launcher makes a new one instead).
class_archive_ready() {
  [ -s "$1" ] && [ "$1" -nt "$2" ]
}

# remove_stale_archive_temps ARCHIVE: removes what a launcher killed during its first run or its
# dump left beside ARCHIVE (ARCHIVE.PID.classes, ARCHIVE.PID, ARCHIVE.PID.list) once process PID has
# ended; a launcher still running keeps its own. A process alive under PID that started after the
# file last changed (its ctime: a write or the rename that took it, more than a second before the
# start) is not the one that wrote it, since the PID was reused after a kill -9: its file goes too.
# Such files are never mapped, only in the way of `ls` and the disk.
remove_stale_archive_temps() {
  local temp pid started changed
  for temp in "$1".*; do
    [ -e "$temp" ] || continue
    pid="${temp#"$1".}"
    pid="${pid%%.*}"
    case "$pid" in '' | *[!0-9]*) continue ;; esac
    # kill -0 answers for our own processes; /proc for another user's (kill -0 is refused there)
    if kill -0 "$pid" 2>/dev/null || [ -d "/proc/$pid" ]; then
      started="$(process_start_seconds "$pid")" || continue
      changed="$(stat -c %Z "$temp" 2>/dev/null)" || continue
      [ "$changed" -lt $((started - 1)) ] || continue
    fi
    rm -f "$temp"
  done
}

# process_start_seconds PID: when process PID started, in seconds since the epoch (Linux: the boot
# time in /proc/stat plus field 22 of /proc/PID/stat); false where that cannot be read.
process_start_seconds() {
  local stat fields boot ticks
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  read -r -a fields <<<"${stat##*) }" # after the command's name, which may hold spaces and ')'
  boot="$(sed -n 's/^btime //p' /proc/stat 2>/dev/null)"
  ticks="$(getconf CLK_TCK 2>/dev/null)"
  case "${fields[19]:-}$boot$ticks" in '' | *[!0-9]*) return 1 ;; esac
  echo $((boot + fields[19] / ticks))
}

# dump_class_archive LIST ARCHIVE JAR [--add-modules M]...: writes ARCHIVE, a static class-data
# archive of the classes LIST names (the JDK's and JAR's, as a run with -XX:DumpLoadedClassList wrote
# it) and of the JDK's own class list (the classes of the archive the JDK ships, so that a later run
# that goes further than the one LIST came from, a usage error's first run and then a real one, still
# finds the JDK's common classes archived, as it did beside a dynamic archive), with the same modules
# the run had. Static, not the dynamic -XX:ArchiveClassesAtExit: JDK 17's dynamic archive leaves out
# classes of class-file version 49 and every class that extends one, so all of picocli was read from
# the jar and verified at every start (docs/performance.md, "A one-shot command's start (issue 14,
# session 19)"). Written under ARCHIVE.PID and renamed into place, so a run killed mid-dump leaves
# nothing half-written under the name a run maps. False, and nothing left behind, when LIST is empty
# or the JVM could not dump.
dump_class_archive() {
  local list="$1" archive="$2" jar="$3"
  shift 3
  local partial="$archive.$$" java="${LIFEBOAT_DUMP_JAVA:-java}" java_home
  [ -s "$list" ] || return 1
  java_home="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
  if [ -f "$java_home/lib/classlist" ]; then
    cat "$java_home/lib/classlist" "$list" >"$partial.list" || { rm -f "$partial.list"; return 1; }
  else
    cp "$list" "$partial.list" || { rm -f "$partial.list"; return 1; }
  fi
  if "$java" "$@" -Xshare:dump -Xlog:cds=off -Xlog:cds+dynamic=off -XX:SharedClassListFile="$partial.list" \
    -XX:SharedArchiveFile="$partial" -cp "$jar" >/dev/null 2>&1 && [ -s "$partial" ]; then
    rm -f "$partial.list"
    mv -f "$partial" "$archive"
  else
    rm -f "$partial" "$partial.list"
    return 1
  fi
}

# dump_class_archive_detached LIST ARCHIVE JAR [--add-modules M]...: dump_class_archive in a process
# of its own, started here and not waited for, so that a command's first run after a build ends (and
# its caller goes on: a disaster's first `failover`, a script's `$(lifeboat ...)`) when its JVM ends,
# not 1-4 s later when the dump does ("A first run's class archive, made after it (issue 14, session
# 22)" in docs/performance.md). The process has its own session (setsid: no terminal, a Ctrl-C or a
# hang-up of the caller's does not reach it), the lowest priority (nice 19: the next command on a
# busy machine comes first), and none of the caller's files open (stdin, stdout and stderr are
# /dev/null: a `lifeboat ... | cat` ends with the command). It first takes LIST under its own
# process id (ARCHIVE.PID.classes), as it writes ARCHIVE.PID and ARCHIVE.PID.list, so that
# remove_stale_archive_temps in another launcher's first run leaves them alone while it runs and
# removes them if it is killed. Two first runs at once make two dumps, each under its own temporary
# names, each renamed into place whole. LIFEBOAT_DUMP_JAVA (tests only: a dump made slow on purpose)
# is a command run in place of `java` for the dump.
dump_class_archive_detached() {
  local detach=()
  command -v setsid >/dev/null && detach+=(setsid)
  command -v nice >/dev/null && detach+=(nice -n 19)
  "${detach[@]}" bash -c '
    source "$1"
    shift
    taken="$2.$$.classes"
    mv -f "$1" "$taken" || exit 0
    dump_class_archive "$taken" "${@:2}" || true
    rm -f "$taken"' dump-class-archive "${BASH_SOURCE[0]}" "$@" </dev/null >/dev/null 2>&1 &
}

# vault_serve_jit: the JIT options of `vault serve`, one a line. C2 inlines less deeply
# (MaxInlineLevel 9, the JVM's default until JDK 14, instead of 15) and leaves out callees already
# compiled to more than 1,000 bytes (InlineSmallCode, 2,500 by default). The vault's hot receive path
# is netty's and Vert.x's deep pipeline (socket read, TLS unwrap, HTTP decoder, the body's handlers),
# which C2 compiled into methods of 20-37 KB, 0.3-0.5 s of compile each, once at first and again
# after the traps at an agent's first disconnect; its bytes go through native code and stubs (AES-GCM
# in BoringSSL, the socket's copy, SHA-256's intrinsic, the copy into the pack), which inlining does
# not speed up. A cold vault's C2 threads spent about half as much CPU in its first GiB
# (bench/vault_ingest.sh: its first and second GiB 0.3-0.5 CPU s lower, the 3rd-4th the same; in
# replicate.sh the JIT fell as much, the event loop rose 0.1-0.2: "Less inlining for the vault's C2
# (issue 14, session 23)" in docs/performance.md).
vault_serve_jit() {
  echo "-XX:MaxInlineLevel=9"
  echo "-XX:InlineSmallCode=1000"
}
