package io.lifeboat.replication.protocol;

/**
 * The replication requests, under {@code /v1/machines/{machine}} where {@code machine} must be the
 * name in the caller's client certificate (anything else is 403). See {@code docs/protocol.md}.
 */
public final class ReplicationPaths {
    /** POST, body an id list; answer the id list of those this machine lacks. */
    public static final String MISSING = "/v1/machines/:machine/blocks/missing";
    /** POST, body a block batch; answer JSON {"stored": n, "present": m}. */
    public static final String BLOCKS = "/v1/machines/:machine/blocks";
    /** GET one block of this machine, raw bytes. */
    public static final String BLOCK = "/v1/machines/:machine/blocks/:id";
    /** GET: JSON list of this machine's points; POST: commit a point (body a {@link ChunkedCommit}, or a {@link PointCommit} from older agents). */
    public static final String POINTS = "/v1/machines/:machine/points";
    /** POST, body one manifest chunk (a zstd frame); answer JSON {"chunk": "<name>"}. */
    public static final String CHUNKS = "/v1/machines/:machine/manifest-chunks";
    /** GET one point's manifest, JSON. */
    public static final String POINT = "/v1/machines/:machine/points/:point";

    public static final String OCTETS = "application/octet-stream";
    public static final String JSON = "application/json";
    /** Content type of a point commit naming manifest chunks sent before it ({@link ChunkedCommit}). */
    public static final String CHUNKED_COMMIT = "application/vnd.lifeboat.point-commit.v2+json";
    /** Content type of a point commit sent as a delta of its parent point ({@link PointDelta}). */
    public static final String DELTA_COMMIT = "application/vnd.lifeboat.point-delta.v1+json";
    /** Content type of a point commit with its whole manifest: JSON inside one zstd frame (older agents). */
    public static final String COMMIT = "application/vnd.lifeboat.point-commit+json+zstd";

    private ReplicationPaths() {
    }

    /** A concrete path: {@code of(POINTS, "web-1")} is {@code /v1/machines/web-1/points}. */
    public static String of(String template, String machine, String... rest) {
        String p = template.replace(":machine", encode(machine));
        for (String r : rest) {
            int colon = p.indexOf("/:");
            if (colon < 0) {
                throw new IllegalArgumentException("too many path values for " + template);
            }
            int end = p.indexOf('/', colon + 1);
            p = p.substring(0, colon + 1) + encode(r) + (end < 0 ? "" : p.substring(end));
        }
        return p;
    }

    private static String encode(String segment) {
        return java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
