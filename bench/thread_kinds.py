"""The kinds of an agent's threads, for the benches that print its CPU by kind (agent_cpu.sh,
tree_pass.sh) from bench/thread_cpu.py's "SECONDS NAME" lines.

    from thread_kinds import cpu_by_kind
    kinds, total = cpu_by_kind(path)   # {"jit": s, "loops": s, ...}, the JVM's whole CPU seconds
"""

# "pool" is the common pool's thread: an image's reading slices (the reader's parallel stream) and a
# tree's sealing helper (the uploader's), so it is neither "read" nor "upload" alone. "async" are the
# threads CompletableFuture starts per task where the common pool's parallelism is 1 (2 cores): the
# records' load and save, the records built during the commit, a tree's manifest digest.
KINDS = ("jit", "loops", "main", "read", "pool", "upload", "async", "gc", "other")


def kind_of(name):
    """The kind of a thread; /proc cuts names at 15 characters ("vert.x-eventloo", "ForkJoinPool.co")."""
    if "CompilerThre" in name:
        return "jit"
    if "eventloo" in name.lower() or name.startswith("globalEventExec"):
        return "loops"
    if name in ("main", "java"):
        return "main"
    if name.startswith("lifeboat-read"):
        return "read"
    if name.startswith("ForkJoinPool"):
        return "pool"
    if name.startswith(("lifeboat-", "vert.x")):
        return "upload"
    if name in ("VM Thread", "GC Thread#"):
        return "gc"
    if name == "Thread-#":  # thread_cpu.py's digits taken out; unnamed threads of the agent are these only
        return "async"
    return "other"


def cpu_by_kind(path):
    kinds, total = {k: 0.0 for k in KINDS}, 0.0
    for line in open(path):
        secs, name = line.split(None, 1)
        name = name.strip()
        if name == "in all":
            total = float(secs)
        else:
            kinds[kind_of(name)] += float(secs)
    return kinds, total
