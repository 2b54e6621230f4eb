package io.lifeboat.readiness.rules;

/**
 * dotnet-v2-tls: .NET Framework 2.0-3.5 (v2.0.50727) uses TLS 1.2, in both registry views. The
 * values take effect only with the .NET 3.5 TLS 1.2 update for the OS (named in the citation page).
 * Not required: the replication path does not use .NET 3.5, so this is a component's own need; it
 * WARNs where .NET 3.5 may be installed and is NOT_APPLICABLE where NET Framework Setup shows it is not.
 */
final class DotNet2Rule extends DotNetRule {
    DotNet2Rule() {
        super("v2.0.50727", "v2.0.50727|v3.5", false);
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
