package io.lifeboat.readiness.rules;

/** schannel-tls12-client: outgoing connections (the agent to the vault) can use TLS 1.2. */
final class SchannelTls12ClientRule extends SchannelTls12Rule {
    SchannelTls12ClientRule() {
        super(true);
    }

    @Override
    public String id() {
        return "schannel-tls12-client";
    }

    @Override
    public String title() {
        return "SCHANNEL TLS 1.2 client enabled";
    }
}
