package io.lifeboat.replication.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdInputStream;
import io.lifeboat.repository.Manifest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The body of a point commit: the manifest, the bytes the agent sent for this point before the
 * commit request (id queries and block batches; the vault adds the commit body it receives), and
 * how the source was read. On the wire: JSON, compressed as one zstd frame.
 */
public record PointCommit(long bytesSent, String consistency, Manifest manifest) {
    public static final String CRASH_CONSISTENT = "crash-consistent";

    public PointCommit {
        if (bytesSent < 0) {
            throw new IllegalArgumentException("bytesSent < 0");
        }
        if (manifest == null || consistency == null || consistency.isBlank()) {
            throw new IllegalArgumentException("a point commit needs a manifest and a consistency kind");
        }
    }

    public byte[] encode() {
        try {
            return Zstd.compress(ReplicationJson.MAPPER.writeValueAsBytes(this), 3);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a manifest always serialises", e);
        }
    }

    /** @throws WireFormatException for a body that is not zstd, too large once inflated, or not a commit */
    public static PointCommit decode(byte[] body) {
        if (body.length > Limits.MAX_COMMIT_BYTES) {
            throw new WireFormatException("point commit: " + body.length + " bytes, at most " + Limits.MAX_COMMIT_BYTES);
        }
        PointCommit commit;
        try (InputStream in = new BoundedInputStream(new ZstdInputStream(new ByteArrayInputStream(body)),
                Limits.MAX_COMMIT_JSON_BYTES)) {
            commit = ReplicationJson.MAPPER.readValue(in, PointCommit.class);
        } catch (BoundedInputStream.LimitException e) {
            throw new WireFormatException("point commit: inflates to more than " + Limits.MAX_COMMIT_JSON_BYTES + " bytes");
        } catch (JsonProcessingException e) {
            throw new WireFormatException("point commit: not a valid commit (" + e.getOriginalMessage() + ")", e);
        } catch (IOException | RuntimeException e) {
            throw new WireFormatException("point commit: not a zstd-compressed JSON body (" + e.getMessage() + ")", e);
        }
        if (commit == null) {
            throw new WireFormatException("point commit: empty body");
        }
        return commit;
    }
}
