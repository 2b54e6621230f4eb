package io.lifeboat.vault.replication;

import com.github.luben.zstd.Zstd;
import io.lifeboat.replication.protocol.WireEncoding;
import io.lifeboat.repository.BlockId;
import io.lifeboat.repository.Manifest;
import io.lifeboat.repository.PointInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** An in-memory {@link ReplicationStore} for tests: blocks and points per machine. */
public final class MemoryStore implements ReplicationStore {
    private final Map<String, Map<BlockId, byte[]>> blocks = new ConcurrentHashMap<>();
    private final Map<String, List<PointInfo>> points = new ConcurrentHashMap<>();
    private final Map<String, Manifest> manifests = new ConcurrentHashMap<>();
    private int puts;

    private Map<BlockId, byte[]> of(String machine) {
        return blocks.computeIfAbsent(machine, m -> new ConcurrentHashMap<>());
    }

    @Override
    public synchronized Set<BlockId> missing(String machine, Collection<BlockId> ids) {
        Set<BlockId> out = new LinkedHashSet<>();
        for (BlockId id : ids) {
            if (!of(machine).containsKey(id)) {
                out.add(id);
            }
        }
        return out;
    }

    @Override
    public synchronized void putBlock(String machine, BlockId id, byte[] body, WireEncoding encoding) {
        byte[] raw = encoding == WireEncoding.ZSTD ? Zstd.decompress(body, 4 << 20) : body;
        of(machine).put(id, raw);
        puts++;
    }

    @Override
    public synchronized PointInfo commit(String machine, Manifest manifest, CommitMeta meta) {
        List<PointInfo> list = points.computeIfAbsent(machine, m -> new ArrayList<>());
        String id = String.format("%s-%04d", machine, list.size() + 1);
        PointInfo p = new PointInfo(id, machine, Instant.now(), manifest.source(), manifest.kind(),
                manifest.sourceBytes(), meta.bytesSent(), meta.tlsVersion(), meta.cipherSuite(), meta.consistency());
        list.add(p);
        manifests.put(machine + "/" + id, manifest);
        return p;
    }

    @Override
    public synchronized List<PointInfo> points(String machine) {
        return List.copyOf(points.getOrDefault(machine, List.of()));
    }

    @Override
    public synchronized Optional<Manifest> manifest(String machine, String pointId) {
        return Optional.ofNullable(manifests.get(machine + "/" + pointId));
    }

    @Override
    public synchronized Optional<byte[]> readBlock(String machine, BlockId id) {
        return Optional.ofNullable(of(machine).get(id));
    }

    public synchronized int blockCount(String machine) {
        return of(machine).size();
    }

    public synchronized int puts() {
        return puts;
    }

    public synchronized Map<BlockId, byte[]> snapshot(String machine) {
        return new HashMap<>(of(machine));
    }
}
