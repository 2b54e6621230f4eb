package io.lifeboat.readiness.rules;

/** The Microsoft pages and KB articles the rules follow, in one place so the catalogue stays consistent. */
final class Citations {
    static final String TLS_REGISTRY = "https://learn.microsoft.com/windows-server/security/tls/tls-registry-settings";
    static final String SCHANNEL_PROTOCOLS =
            "https://learn.microsoft.com/windows/win32/secauthn/protocols-in-tls-ssl--schannel-ssp-";
    static final String KB4019276 = "https://support.microsoft.com/help/4019276 (KB4019276: TLS 1.1 and 1.2 for Windows Server 2008 SP2)";
    static final String KB3140245 = "https://support.microsoft.com/help/3140245 (KB3140245: TLS 1.1 and 1.2 as default secure protocols in WinHTTP)";
    static final String DOTNET = "https://learn.microsoft.com/dotnet/framework/network-programming/tls";
    static final String CIPHER_ORDER = "https://learn.microsoft.com/windows-server/security/tls/manage-tls";
    static final String CIPHER_SUITES = "https://learn.microsoft.com/windows/win32/secauthn/cipher-suites-in-schannel";

    /** The replication path's own requirement list: the OS update, SChannel TLS 1.2 client, .NET 4 in both views. */
    static final String ASR_TLS = "https://learn.microsoft.com/azure/site-recovery/transport-layer-security";

    private Citations() {
    }
}
