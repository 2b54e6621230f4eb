package io.lifeboat.replication.protocol;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdInputStream;
import io.lifeboat.repository.Manifest;
import io.lifeboat.repository.ManifestCodec;
import io.lifeboat.tls.LifeboatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Set;

/**
 * The body of a point commit: the manifest (in the repository's JSON form, {@link ManifestCodec}),
 * the bytes the agent sent for this point before the commit request (id queries and block
 * batches; the vault adds the commit body it receives), and how the source was read. On the wire:
 * {@code {"bytesSent": n, "consistency": "...", "manifest": {...}}}, compressed as one zstd frame.
 */
public record PointCommit(long bytesSent, String consistency, Manifest manifest) {
    public static final String CRASH_CONSISTENT = "crash-consistent";
    private static final Set<String> FIELDS = Set.of("bytesSent", "consistency", "manifest");
    /**
     * Most JSON tokens in a whole-manifest commit (older agents): more than any image manifest the bound
     * on inflated bytes admits (about 5 million blocks), a tree of up to about 1.7 million entries. Its
     * tree of JSON nodes costs the vault 20-50 bytes of heap per token (see {@link
     * ReplicationJson#MAX_COMMIT_TOKENS}), so 2^25 tokens keep one commit under about 1.6 GB where the
     * bound on its inflated bytes alone would let a hostile one take 14 GB. Under it, the vault takes
     * the tree's cost ({@link #cost}) from its memory budget before it parses the body.
     */
    public static final long MAX_WHOLE_TOKENS = 1L << 25;
    private static final ObjectMapper WHOLE = ReplicationJson.boundedMapper(MAX_WHOLE_TOKENS);

    public PointCommit {
        if (bytesSent < 0) {
            throw new IllegalArgumentException("bytesSent < 0");
        }
        if (manifest == null || consistency == null || consistency.isBlank()) {
            throw new IllegalArgumentException("a point commit needs a manifest and a consistency kind");
        }
    }

    public byte[] encode() {
        ObjectNode n = ReplicationJson.MAPPER.createObjectNode();
        n.put("bytesSent", bytesSent);
        n.put("consistency", consistency);
        n.set("manifest", ManifestCodec.manifestNode(manifest));
        return Zstd.compress(ReplicationJson.bytes(n), 3);
    }

    /**
     * @throws BodyTooLargeException past {@link #MAX_WHOLE_TOKENS}
     * @throws WireFormatException   for a body that is not zstd, too large once inflated, or not a commit
     */
    public static PointCommit decode(byte[] body) {
        return decode(body, WHOLE);
    }

    /**
     * What {@link #decode} of this body would cost the heap, found by inflating it once and counting
     * its tokens without building the tree: the vault takes it from its memory budget first.
     *
     * @throws BodyTooLargeException past {@link #MAX_WHOLE_TOKENS}
     * @throws WireFormatException   for a body that is not zstd or too large once inflated
     */
    public static JsonCost cost(byte[] body) {
        try (BoundedInputStream in = inflated(body)) {
            long tokens = JsonCost.tokens(WHOLE, in, "point commit");
            return new JsonCost(tokens, in.count());
        } catch (BoundedInputStream.LimitException e) {
            throw new WireFormatException("point commit: inflates to more than " + Limits.MAX_COMMIT_JSON_BYTES + " bytes");
        } catch (IOException | RuntimeException e) {
            if (e instanceof WireFormatException w) {
                throw w;
            }
            throw new WireFormatException("point commit: not a zstd-compressed JSON body (" + e.getMessage() + ")", e);
        }
    }

    private static BoundedInputStream inflated(byte[] body) throws IOException {
        if (body.length > Limits.MAX_COMMIT_BYTES) {
            throw new WireFormatException("point commit: " + body.length + " bytes, at most " + Limits.MAX_COMMIT_BYTES);
        }
        return new BoundedInputStream(new ZstdInputStream(new ByteArrayInputStream(body)), Limits.MAX_COMMIT_JSON_BYTES);
    }

    /** {@link #decode} with the JSON parsed by {@code mapper} (a test's smaller bound). */
    static PointCommit decode(byte[] body, ObjectMapper mapper) {
        JsonNode n;
        try (InputStream in = inflated(body)) {
            n = mapper.readTree(in);
        } catch (BoundedInputStream.LimitException e) {
            throw new WireFormatException("point commit: inflates to more than " + Limits.MAX_COMMIT_JSON_BYTES + " bytes");
        } catch (StreamConstraintsException e) {
            throw ReplicationJson.tooLarge("point commit", e);
        } catch (IOException | RuntimeException e) {
            if (e instanceof WireFormatException w) {
                throw w;
            }
            throw new WireFormatException("point commit: not a zstd-compressed JSON body (" + e.getMessage() + ")", e);
        }
        if (n == null || !n.isObject()) {
            throw new WireFormatException("point commit: not a JSON object");
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new WireFormatException("point commit: unknown field \"" + f + "\"");
            }
        }
        JsonNode sent = n.get("bytesSent");
        JsonNode consistency = n.get("consistency");
        if (sent == null || !sent.canConvertToLong() || sent.asLong() < 0 || !sent.isIntegralNumber()) {
            throw new WireFormatException("point commit: \"bytesSent\" must be a number >= 0");
        }
        if (consistency == null || !consistency.isTextual() || consistency.asText().isBlank()) {
            throw new WireFormatException("point commit: \"consistency\" must be a non-empty string");
        }
        if (n.get("manifest") == null || !n.get("manifest").isObject()) {
            throw new WireFormatException("point commit: \"manifest\" must be an object");
        }
        try {
            return new PointCommit(sent.asLong(), consistency.asText(), ManifestCodec.manifest(n.get("manifest")));
        } catch (LifeboatException | IllegalArgumentException e) {
            throw new WireFormatException("point commit: " + e.getMessage(), e);
        }
    }
}
