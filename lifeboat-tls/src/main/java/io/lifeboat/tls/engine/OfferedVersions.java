package io.lifeboat.tls.engine;

import io.lifeboat.tls.ProtocolVersion;
import java.util.List;
import java.util.Optional;

/**
 * What a ClientHello offered, as far as versions go.
 *
 * @param recordVersion     the record layer's version (often TLS 1.0 for compatibility)
 * @param legacyVersion     the ClientHello's {@code legacy_version} (the highest version for clients
 *                          without the supported_versions extension)
 * @param supportedVersions the supported_versions extension, GREASE removed; empty when absent
 * @param fallbackScsv      the suite list has TLS_FALLBACK_SCSV (RFC 7507): the client is retrying
 *                          with a lower version than it supports
 */
public record OfferedVersions(int recordVersion, int legacyVersion, List<Integer> supportedVersions,
        boolean fallbackScsv) {

    public OfferedVersions {
        supportedVersions = List.copyOf(supportedVersions);
    }

    /** The highest version offered: from supported_versions when present, else legacy_version. */
    public int highestWireId() {
        if (supportedVersions.isEmpty()) {
            return legacyVersion;
        }
        return supportedVersions.stream().mapToInt(Integer::intValue).max().orElse(legacyVersion);
    }

    public Optional<ProtocolVersion> highest() {
        return ProtocolVersion.fromWireId(highestWireId());
    }

    /** True when nothing at or above TLS 1.2 was offered. */
    public boolean belowTls12() {
        return highestWireId() < ProtocolVersion.TLS_1_2.wireId();
    }

    /** e.g. "TLSv1.1" or "0x7f1c". */
    public String highestName() {
        return highest().map(ProtocolVersion::standardName)
                .orElse(String.format("0x%04x", highestWireId()));
    }

    /** One short description for a log line. */
    public String describe() {
        String legacy = ProtocolVersion.fromWireId(legacyVersion).map(ProtocolVersion::standardName)
                .orElse(String.format("0x%04x", legacyVersion));
        return "max=" + highestName() + " legacy_version=" + legacy
                + (supportedVersions.isEmpty() ? " (no supported_versions ext)" : "")
                + (fallbackScsv ? " TLS_FALLBACK_SCSV" : "");
    }
}
