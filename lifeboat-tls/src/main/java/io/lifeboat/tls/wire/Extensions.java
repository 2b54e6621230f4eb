package io.lifeboat.tls.wire;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Builders for the ClientHello extensions the probes send. Each returns a complete {@link Extension}. */
public final class Extensions {
    private Extensions() {
    }

    /** server_name (RFC 6066 §3) with one host_name entry. */
    public static Extension serverName(String host) {
        byte[] name = host.getBytes(StandardCharsets.US_ASCII);
        WireWriter w = new WireWriter();
        w.vector16(list -> list.u8(0).vector16(n -> n.bytes(name)));
        return new Extension(Wire.EXT_SERVER_NAME, w.toByteArray());
    }

    public static Extension supportedGroups(List<Integer> groups) {
        return u16List(Wire.EXT_SUPPORTED_GROUPS, groups);
    }

    public static Extension signatureAlgorithms(List<Integer> schemes) {
        return u16List(Wire.EXT_SIGNATURE_ALGORITHMS, schemes);
    }

    /** ec_point_formats: uncompressed, ansiX962_compressed_prime, ansiX962_compressed_char2. */
    public static Extension ecPointFormats() {
        WireWriter w = new WireWriter();
        w.vector8(b -> b.u8(0).u8(1).u8(2));
        return new Extension(Wire.EXT_EC_POINT_FORMATS, w.toByteArray());
    }

    /** supported_versions (client form: u8-length list of u16). */
    public static Extension supportedVersions(List<Integer> versions) {
        WireWriter w = new WireWriter();
        w.vector8(b -> versions.forEach(b::u16));
        return new Extension(Wire.EXT_SUPPORTED_VERSIONS, w.toByteArray());
    }

    /** key_share (client form). An empty list asks the server to pick a group by HelloRetryRequest. */
    public static Extension keyShare(List<KeyShares.Entry> entries) {
        WireWriter w = new WireWriter();
        w.vector16(b -> entries.forEach(e -> b.u16(e.group()).vector16(k -> k.bytes(e.publicKey()))));
        return new Extension(Wire.EXT_KEY_SHARE, w.toByteArray());
    }

    /** psk_key_exchange_modes with psk_dhe_ke, which some TLS 1.3 servers require. */
    public static Extension pskKeyExchangeModes() {
        WireWriter w = new WireWriter();
        w.vector8(b -> b.u8(1));
        return new Extension(Wire.EXT_PSK_KEY_EXCHANGE_MODES, w.toByteArray());
    }

    /** renegotiation_info for an initial handshake: an empty renegotiated_connection. */
    public static Extension renegotiationInfo() {
        return new Extension(Wire.EXT_RENEGOTIATION_INFO, new byte[] {0});
    }

    public static Extension empty(int type) {
        return new Extension(type, new byte[0]);
    }

    private static Extension u16List(int type, List<Integer> values) {
        WireWriter w = new WireWriter();
        w.vector16(b -> values.forEach(b::u16));
        return new Extension(type, w.toByteArray());
    }
}
