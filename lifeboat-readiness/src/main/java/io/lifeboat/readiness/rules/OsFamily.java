package io.lifeboat.readiness.rules;

/**
 * Windows releases grouped by what TLS 1.2 needs on them. Sources: "TLS/SSL Schannel SSP protocols"
 * (learn.microsoft.com/windows/win32/secauthn/protocols-in-tls-ssl--schannel-ssp-), KB4019276,
 * KB3140245 and "Transport Layer Security (TLS) best practices with the .NET Framework".
 */
public enum OsFamily {
    /** XP, Server 2003, Vista, Server 2008 before SP2: no TLS 1.2 at all. */
    UNSUPPORTED("Windows older than Server 2008 SP2", false, false, false, ""),
    /** Server 2008 SP2 (NT 6.0): TLS 1.2 only with KB4019276, and off until enabled in SCHANNEL. */
    WIN2008_SP2("Windows Server 2008 SP2", false, false, true, "KB4019276"),
    /** Windows 7 / Server 2008 R2 (NT 6.1): TLS 1.2 present but off by default; WinHTTP needs KB3140245. */
    WIN7_2008R2("Windows 7 / Server 2008 R2", false, false, true, "KB3140245"),
    /** Windows 8 / Server 2012 (NT 6.2): TLS 1.2 on; WinHTTP defaults exclude it until KB3140245. */
    WIN8_2012("Windows 8 / Server 2012", true, true, true, "KB3140245"),
    /** Windows 8.1 / Server 2012 R2 (NT 6.3): TLS 1.2 on everywhere by default. */
    WIN81_2012R2("Windows 8.1 / Server 2012 R2", true, true, false, ""),
    /** Windows 10 / 11, Server 2016 and later (major version 10). */
    WIN10_PLUS("Windows 10 / 11 / Server 2016+", true, true, false, ""),
    /** No SOFTWARE keys to tell: rules fall back to values actually seen. */
    UNKNOWN("unknown Windows version", false, false, false, "");

    private final String label;
    private final boolean tls12ClientOnByDefault;
    private final boolean tls12ServerOnByDefault;
    private final boolean winHttpNeedsDefaultSecureProtocols;
    private final String requiredUpdate;

    OsFamily(String label, boolean client, boolean server, boolean winHttp, String update) {
        this.label = label;
        this.tls12ClientOnByDefault = client;
        this.tls12ServerOnByDefault = server;
        this.winHttpNeedsDefaultSecureProtocols = winHttp;
        this.requiredUpdate = update;
    }

    public String label() {
        return label;
    }

    public boolean tls12OnByDefault(boolean client) {
        return client ? tls12ClientOnByDefault : tls12ServerOnByDefault;
    }

    public boolean winHttpNeedsDefaultSecureProtocols() {
        return winHttpNeedsDefaultSecureProtocols;
    }

    /** The KB TLS 1.2 needs on this family ("" when none). */
    public String requiredUpdate() {
        return requiredUpdate;
    }

    public boolean known() {
        return this != UNKNOWN;
    }
}
