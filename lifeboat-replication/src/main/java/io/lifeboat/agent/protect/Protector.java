package io.lifeboat.agent.protect;

import io.lifeboat.agent.snapshot.Snapshot;
import io.lifeboat.replication.protocol.PointCommit;
import io.lifeboat.repository.BlockRef;
import io.lifeboat.repository.Entry;
import io.lifeboat.repository.Manifest;
import io.lifeboat.repository.PointInfo;
import io.lifeboat.repository.SourceKind;
import io.lifeboat.repository.hashing.MultiBlockSha256;
import io.lifeboat.tls.LifeboatException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One protect pass: read the source into a manifest while the uploader sends the blocks the vault
 * lacks, then commit the point. The point becomes visible only through the commit, after every
 * block it names is stored; a pass that fails or is stopped before that leaves no point behind
 * (its stored blocks are kept, so the next pass does not send them again).
 *
 * <p>After a commit the pass's {@link KnownBlocks} record is kept, so the next pass over the source
 * hashes only blocks that changed. If the vault refuses a commit because a block taken from that
 * record is gone (pruned, or another vault), the record is dropped and the pass runs again hashing
 * every block.
 *
 * <p>With it the agent keeps the point's entries and the stamps of a tree's files ({@link
 * LastPoint}): the next pass keeps files whose stamp did not change without reading them, and the
 * point is sent as a delta of the last one ({@link PointCommits}).
 *
 * <p>An image or file source whose stamp is the one recorded with the last point ({@link
 * SourceStamp}, {@link SourceStampStore}) is not opened at all: its point is the last one's blocks,
 * committed again as an unchanged delta.
 */
public final class Protector {
    private static final Logger LOG = LoggerFactory.getLogger(Protector.class);
    private final VaultApi vault;
    private final ProtectOptions options;
    private final ProtectListener listener;
    private final StopSignal stop;
    private final KnownBlocksStore records;
    private final SourceStampStore stamps;
    /** The last pass's block arrays, taken again by the next pass ({@link BlockBuffers#nextPass}). */
    private BlockBuffers buffers;

    /** A protector that keeps no records: every pass hashes every block. */
    public Protector(VaultApi vault, ProtectOptions options, ProtectListener listener, StopSignal stop) {
        this(vault, options, listener, stop, KnownBlocksStore.none());
    }

    public Protector(VaultApi vault, ProtectOptions options, ProtectListener listener, StopSignal stop,
            KnownBlocksStore records) {
        this.records = records;
        this.stamps = SourceStampStore.beside(records);
        this.vault = vault;
        this.options = options;
        this.listener = listener;
        this.stop = stop;
    }

    /**
     * Takes a point of {@code source}: through a snapshot of it when the options name a provider
     * (the point is then labelled crash-consistent), else read live (labelled live). The snapshot
     * is released once the point is committed or the pass has failed.
     */
    public ProtectResult protect(Path source) {
        SourceKinds.detect(source); // a missing or unsupported source is refused before any snapshot
        KnownBlocksStore.Loaded loaded = records.loadBoth(source, options.blockSize(),
                SourceKinds.detect(source) == SourceKind.DIRECTORY, System.currentTimeMillis(), listener);
        KnownBlocks known = loaded.known();
        PreviousPoint previous = loaded.previous();
        Snapshot snapshot = options.snapshot().take(source);
        snapshot.notes().forEach(listener::notice);
        try {
            return protect(source, snapshot, known, previous);
        } catch (VaultRequestException e) {
            if (e.status() != 409) {
                throw e;
            }
            records.forget(source);
            stamps.forget(source);
            // 409: a block the pass relied on is not stored: gone since the last point (the record), or
            // accepted in this pass but lost by a vault that crashed before making it durable (group
            // commit); one more pass asks about every block and sends what is lacking
            listener.notice(known.isEmpty()
                    ? "the vault no longer holds blocks it accepted in this pass (" + e.getMessage()
                            + "; it restarted before making them durable): protecting " + source + " again"
                    : "the vault refused a point built on the record of " + source + "'s point " + known.point()
                            + " (" + e.getMessage() + "): protecting it again, hashing every block");
            return protect(source, snapshot, KnownBlocks.NONE, PreviousPoint.NONE);
        } finally {
            snapshot.release(listener::notice);
        }
    }

    private ProtectResult protect(Path source, Snapshot snapshot, KnownBlocks known, PreviousPoint previous) {
        long started = System.nanoTime();
        Phases phases = new Phases(started);
        long startedAtMillis = System.currentTimeMillis();
        long passStartNanos = TimeUnit.MILLISECONDS.toNanos(startedAtMillis);
        Path read = snapshot.path();
        SourceKind kind = SourceKinds.detect(read);
        // taken before the read begins, so a write while it is read makes the next pass's stamp differ; only of
        // the source itself: a snapshot's copy or device has a stamp of its own, which says nothing of the source's
        FileStamp stamp = read.equals(source) ? SourceKinds.stamp(read, kind) : null;
        SourceStamp recorded = stamp == null ? null : stamps.load(source, listener);
        if (recorded != null && recorded.keeps(stamp, previous.point(), startedAtMillis, stamps.rereadAfter())) {
            Manifest last = previous.manifest(source.toString(), kind);
            if (describes(last, stamp)) {
                return keep(source, snapshot, known, previous, last, stamp, recorded, started, passStartNanos);
            }
        }
        stamps.forget(source); // read: no stamp names the last point while this pass commits another
        // a tree's estimate is its last point's size when there is one: the walk to measure it stats every file
        long estimate = kind == SourceKind.DIRECTORY && previous.exists() ? previous.sourceBytes()
                : SourceKinds.estimateSize(read, kind);
        if (known.isEmpty() && estimate > SourceReader.WARM_UP_AFTER_BYTES) {
            MultiBlockSha256.prepare(); // a whole large source to hash: start the kernel's warm-up now
        }
        listener.started(source, estimate);
        long sentBefore = vault.bytesSent();
        Manifest manifest;
        CompletableFuture<String> digest;
        long blocksSent;
        long blocksPresent;
        // windows and batches no larger than half the heap can hold when every stage is full (a slow vault)
        ProtectOptions pipeline = PipelineMemory.fit(options, Runtime.getRuntime().maxMemory());
        BlockBuffers buffers = buffersFor(pipeline);
        SourceReader reader = new SourceReader(pipeline.blockSize(), listener, stop, buffers, known,
                records.fingerprint());
        reader.keepUnchanged(previous);
        try (Uploader uploader = new Uploader(vault, pipeline, listener, stop, buffers)) {
            manifest = reader.read(read, source.toString(), kind, uploader);
            digest = PointCommits.digestAhead(previous, manifest); // runs while the last batch is sent
            phases.mark();
            uploader.finish();
            blocksSent = uploader.blocksSent();
            blocksPresent = uploader.blocksPresent() + reader.blocksUnchanged();
        } catch (IOException e) {
            throw new LifeboatException(LifeboatException.Kind.FAILED, "cannot read " + source + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProtectCancelledException();
        }
        phases.mark();
        stop.check();
        snapshot.readDone(listener::notice); // a live read under a frozen application is thawed here, before the label is read
        // a pass that kept files unread keeps the date of the last full read; one that read all starts a new period
        long fullRead = reader.filesKept() > 0 ? previous.fullReadMillis() : startedAtMillis;
        // the records are built during the commit's round trip (a tree's 47,000 entries: 0.06-0.28 s of a fresh
        // agent's wall after the commit), and named after the point once the vault has given its id
        // on 2 cores CompletableFuture's default starts a thread per task (the common pool's parallelism is 1):
        // about 0.15 ms of CPU, a few times a pass, too little for a pool of our own (docs/performance.md,
        // "An image's 1% pass, phase by phase (issue 14, session 24)"); the same holds in KnownBlocksStore,
        // RecordAppend and PointCommits
        CompletableFuture<PassRecords> built = CompletableFuture.supplyAsync(() -> new PassRecords(reader.record(""),
                LastPoint.of(manifest, "", fullRead, reader.stamps(), passStartNanos)));
        PointCommits commits = new PointCommits(vault);
        PointInfo point = commits.commit(previous, new PointCommit(
                vault.bytesSent() - sentBefore, snapshot.consistency().label(), manifest), digest);
        phases.mark();
        PassRecords done = built.join();
        records.save(source, done.blocks().at(point.id()), done.entries().at(point.id()), listener);
        phases.mark();
        if (LOG.isDebugEnabled()) {
            LOG.debug("the pass of {} in ms: read {}, its last batch sent {}, committed {} ({}), records saved {}", source,
                    phases.millis(0), phases.millis(1), phases.millis(2), commits.phases(), phases.millis(3));
            LOG.debug("the pass of {} held at most {} block arrays at once ({} made, the rest kept from the last pass); "
                    + "windows of {} blocks, batches of {} bytes (at most {} bytes held with every stage full)", source,
                    buffers.mostOut(), buffers.made(), pipeline.windowBlocks(), pipeline.batchBytes(),
                    PipelineMemory.worstCaseBytes(pipeline));
        }
        if (stamp != null) {
            stamps.save(source, point.id(), stamp, passStartNanos, fullRead, commits.manifestSha256(), listener);
        }
        return committed(source, point, manifest, blocksSent, blocksPresent, started, reader.hardLinkCopies(),
                reader.filesKept(), commits.sentAsDelta(), false);
    }

    /**
     * The block arrays for a pass with {@code pipeline}: those the last pass gave back, when it had
     * the same block size and window (a running agent's passes do), else a new pool.
     */
    synchronized BlockBuffers buffersFor(ProtectOptions pipeline) {
        int capacity = PipelineMemory.WINDOWS_HELD * pipeline.windowBlocks();
        buffers = buffers != null && buffers.fits(pipeline.blockSize(), capacity) ? buffers.nextPass()
                : new BlockBuffers(pipeline.blockSize(), capacity);
        return buffers;
    }

    /** The block arrays of the last pass (for tests). */
    synchronized BlockBuffers lastBuffers() {
        return buffers;
    }

    /** When each phase of a pass ended, for the debug line that times them. */
    private static final class Phases {
        private final long[] ends = new long[5];
        private int marked = 1;

        Phases(long started) {
            ends[0] = started;
        }

        void mark() {
            ends[marked++] = System.nanoTime();
        }

        long millis(int phase) {
            return (ends[phase + 1] - ends[phase]) / 1_000_000;
        }
    }

    /** A pass's two records, built before its point has an id ({@link KnownBlocks#at}, {@link LastPoint#at}). */
    private record PassRecords(KnownBlocks blocks, LastPoint entries) {
    }

    /** Whether {@code last}, the last point's manifest, is of one whole file of the size and mtime {@code stamp} says. */
    private static boolean describes(Manifest last, FileStamp stamp) {
        if (last == null || last.entries().size() != 1) {
            return false;
        }
        Entry e = last.entries().get(0);
        return e.path().isEmpty() && e.size() == stamp.size() && e.mtimeNanos() == stamp.mtimeNanos();
    }

    /**
     * A pass over an image or file whose stamp is the one recorded with the last point ({@link
     * SourceStamp#keeps}): the source is not opened; the last point's manifest is committed again as a
     * delta of it (no block changed), so the vault checks it as any other point and the RPO advances.
     * The records and the stamp then name the new point; the date of the last full read is carried on.
     */
    private ProtectResult keep(Path source, Snapshot snapshot, KnownBlocks known, PreviousPoint previous, Manifest last,
            FileStamp stamp, SourceStamp recorded, long started, long passStartNanos) {
        long fullRead = recorded.fullReadMillis();
        listener.started(source, last.sourceBytes());
        listener.read(last.sourceBytes()); // counted as read for progress, as a tree's kept file is
        long sentBefore = vault.bytesSent();
        stop.check();
        snapshot.readDone(listener::notice);
        PointCommits commits = new PointCommits(vault);
        PointInfo point = commits.commitUnchanged(previous, new PointCommit(
                vault.bytesSent() - sentBefore, snapshot.consistency().label(), last), recorded.manifestSha256());
        records.save(source, new KnownBlocks(known.blockSize(), point.id(), known.files()),
                LastPoint.of(last, point.id(), fullRead, Map.of(), passStartNanos), listener);
        stamps.save(source, point.id(), stamp, passStartNanos, fullRead, commits.manifestSha256(), listener);
        long present = 0;
        for (BlockRef b : last.entries().get(0).blocks()) {
            present += b.isZero() ? 0 : 1;
        }
        return committed(source, point, last, 0, present, started, 0, 0, commits.sentAsDelta(), true);
    }

    /** The result of a committed pass, reported to the listener. */
    private ProtectResult committed(Path source, PointInfo point, Manifest manifest, long blocksSent, long blocksPresent,
            long started, long hardLinkCopies, long filesKept, boolean sentAsDelta, boolean keptByStamp) {
        long blocks = 0;
        long zero = 0;
        for (Entry e : manifest.entries()) { // a plain loop: a stream per entry was 50,000 pipelines for a tree
            blocks += e.blocks().size();
            for (BlockRef b : e.blocks()) {
                zero += b.isZero() ? 1 : 0;
            }
        }
        ProtectResult result = new ProtectResult(point, manifest.sourceBytes(), blocks, zero, blocksSent, blocksPresent,
                point.bytesSent(), Duration.ofNanos(System.nanoTime() - started), hardLinkCopies, filesKept, sentAsDelta,
                keptByStamp);
        if (result.hardLinkCopies() > 0) {
            listener.notice(source + ": " + result.hardLinkCopies() + " hard-linked files stored as separate copies of a"
                    + " file stored before them (a restore writes them as separate files)");
        }
        listener.committed(result);
        return result;
    }
}
