"""The disk work of a failover without its code: the vault's packs read with O_DIRECT while the same
number of bytes is written with O_DIRECT to a new file, both at once, then fsync. A failover does
both (it reads the packs around the page cache and writes its target around it), and on one disk the
two share the device: this is the floor its data phase can reach, which neither the cold read of
the packs nor `dd ... conv=fdatasync` alone shows (issue 14, aim 6; bench/failover.sh prints it).

Usage: failover_io_floor.py TARGET BYTES PACK...
  reads each PACK in 2 MiB pieces, READERS (4) at once, as RunReader reads a failover's ranges;
  writes BYTES to TARGET in 8 MiB pieces, one at a time, as FileWriter writes a failover's groups;
  prints "SECONDS" (wall time until both are done and TARGET is synced). TARGET is removed.
The packs must be out of the page cache first (bench/lib.sh evict_from_cache), or the read is free.
"""
import mmap
import os
import sys
import threading
import time

READ_PIECE = 2 << 20
WRITE_PIECE = 8 << 20
READERS = 4


def read_packs(packs, lock):
    buf = mmap.mmap(-1, READ_PIECE)  # page-aligned, as O_DIRECT needs
    while True:
        with lock:
            if not packs:
                return
            path = packs.pop()
        fd = os.open(path, os.O_RDONLY | os.O_DIRECT)
        try:
            at = 0
            while True:
                n = os.preadv(fd, [buf], at)
                if n < READ_PIECE:
                    break
                at += n
        finally:
            os.close(fd)


def write_target(path, total):
    buf = mmap.mmap(-1, WRITE_PIECE)
    buf.write(os.urandom(WRITE_PIECE))
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_DIRECT, 0o600)
    try:
        for at in range(0, total, WRITE_PIECE):
            os.pwrite(fd, buf, at)  # the last piece may run past BYTES: a failover pads its last block too
        os.ftruncate(fd, total)
        os.fsync(fd)
    finally:
        os.close(fd)


def main():
    target, total, packs = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    lock = threading.Lock()
    t0 = time.monotonic()
    threads = [threading.Thread(target=read_packs, args=(packs, lock)) for _ in range(READERS)]
    threads.append(threading.Thread(target=write_target, args=(target, total)))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(f"{time.monotonic() - t0:.2f}")
    os.unlink(target)


main()
