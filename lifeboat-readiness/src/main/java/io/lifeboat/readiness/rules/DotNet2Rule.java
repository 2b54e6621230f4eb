package io.lifeboat.readiness.rules;

/**
 * dotnet-v2-tls: .NET Framework 2.0-3.5 (v2.0.50727) uses TLS 1.2, in both registry views. The
 * values take effect only with the .NET 3.5 TLS 1.2 update for the OS (named in the citation page).
 */
final class DotNet2Rule extends DotNetRule {
    DotNet2Rule() {
        super("v2.0.50727", "v2.0.50727|v3.5");
    }

    @Override
    public String id() {
        return "dotnet-v2-tls";
    }

    @Override
    public String title() {
        return ".NET 3.5 (v2.0.50727) SystemDefaultTlsVersions and SchUseStrongCrypto";
    }
}
