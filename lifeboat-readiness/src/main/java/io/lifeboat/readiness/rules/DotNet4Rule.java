package io.lifeboat.readiness.rules;

/** dotnet-v4-tls: .NET Framework 4.x (v4.0.30319) uses TLS 1.2, in both registry views. */
final class DotNet4Rule extends DotNetRule {
    DotNet4Rule() {
        super("v4.0.30319", "v4|v4.0", true);
    }

    @Override
    public String id() {
        return "dotnet-v4-tls";
    }

    @Override
    public String title() {
        return ".NET 4.x SystemDefaultTlsVersions and SchUseStrongCrypto";
    }
}
