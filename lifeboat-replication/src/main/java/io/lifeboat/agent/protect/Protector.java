package io.lifeboat.agent.protect;

import io.lifeboat.replication.protocol.PointCommit;
import io.lifeboat.repository.BlockRef;
import io.lifeboat.repository.Entry;
import io.lifeboat.repository.Manifest;
import io.lifeboat.repository.PointInfo;
import io.lifeboat.repository.SourceKind;
import io.lifeboat.tls.LifeboatException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One protect pass: read the source into a manifest while the uploader sends the blocks the vault
 * lacks, then commit the point. The point becomes visible only through the commit, after every
 * block it names is stored; a pass that fails or is stopped before that leaves no point behind
 * (its stored blocks are kept, so the next pass does not send them again).
 */
public final class Protector {
    private final VaultApi vault;
    private final ProtectOptions options;
    private final ProtectListener listener;
    private final StopSignal stop;

    public Protector(VaultApi vault, ProtectOptions options, ProtectListener listener, StopSignal stop) {
        this.vault = vault;
        this.options = options;
        this.listener = listener;
        this.stop = stop;
    }

    public ProtectResult protect(Path source) {
        long started = System.nanoTime();
        SourceKind kind = SourceKinds.detect(source);
        listener.started(source, SourceKinds.estimateSize(source, kind));
        long sentBefore = vault.bytesSent();
        Manifest manifest;
        long blocksSent;
        long blocksPresent;
        // about what is in flight at a time: three windows queued or being sent, and two batches
        BlockBuffers buffers = new BlockBuffers(options.blockSize(), 4 * options.windowBlocks());
        try (Uploader uploader = new Uploader(vault, options, listener, stop, buffers)) {
            SourceReader reader = new SourceReader(options.blockSize(), listener, stop, buffers);
            manifest = reader.read(source, kind, uploader::offer);
            uploader.finish();
            blocksSent = uploader.blocksSent();
            blocksPresent = uploader.blocksPresent();
        } catch (IOException e) {
            throw new LifeboatException(LifeboatException.Kind.FAILED, "cannot read " + source + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProtectCancelledException();
        }
        stop.check();
        PointInfo point = vault.commit(new PointCommit(vault.bytesSent() - sentBefore, options.consistency(), manifest));
        long blocks = 0;
        long zero = 0;
        for (Entry e : manifest.entries()) {
            blocks += e.blocks().size();
            zero += e.blocks().stream().filter(BlockRef::isZero).count();
        }
        ProtectResult result = new ProtectResult(point, manifest.sourceBytes(), blocks, zero, blocksSent, blocksPresent,
                point.bytesSent(), Duration.ofNanos(System.nanoTime() - started));
        listener.committed(result);
        return result;
    }
}
