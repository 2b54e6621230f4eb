"""Runs one `lifeboat failover ... --json` and times its phases from the JSON events it prints on
standard error, as they arrive: where the wall time of a failover goes (issue 14, aim 6).

Usage: failover_phases.py PHASES_FILE LOG_FILE COMMAND...   (COMMAND must include --json)

Writes one line to PHASES_FILE, each phase's seconds of wall time:
  open      from the spawn to the "start" event: JVM start, the CLI, opening the repository (its
            index and the machine's ownership records), reading and checking the point's manifest
  first     to the first progress event: the first group of blocks read, hashed and written
  data      to the progress event at 100%: the rest of the blocks (read, hashed, written)
  sync      to the "done" event: the file's length set, the final fsync, the rename into place
  exit      to the process's end: the result printed, the JVM's exit
Other lines go to LOG_FILE. Exits with the command's status. Nothing is attached to the JVM.
"""
import json
import subprocess
import sys
import time


def main():
    phases_file, log_file, command = sys.argv[1], sys.argv[2], sys.argv[3:]
    t0 = time.monotonic()
    marks = {}
    with open(log_file, "w") as log:
        p = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        for line in p.stderr:
            now = time.monotonic() - t0
            try:
                e = json.loads(line)
            except ValueError:
                log.write(line)
                continue
            if not isinstance(e, dict):
                continue
            kind = e.get("event")
            if kind == "start":
                marks.setdefault("open", now)
            elif kind == "progress" and e.get("bytes", 0) > 0:
                marks.setdefault("first", now)
                if e.get("bytes") == e.get("totalBytes"):
                    marks.setdefault("data", now)
            elif kind == "done":
                marks.setdefault("sync", now)
        status = p.wait()
    marks["exit"] = time.monotonic() - t0
    last, out = 0.0, []
    for name in ("open", "first", "data", "sync", "exit"):
        if name in marks:
            out.append(f"{name} {marks[name] - last:.2f}")
            last = marks[name]
    with open(phases_file, "w") as f:
        f.write("  ".join(out) + "\n")
    sys.exit(status)


main()
