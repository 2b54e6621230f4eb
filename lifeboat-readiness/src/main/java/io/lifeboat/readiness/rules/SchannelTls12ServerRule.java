package io.lifeboat.readiness.rules;

/** schannel-tls12-server: incoming connections (a process server, IIS, RDP) can use TLS 1.2. */
final class SchannelTls12ServerRule extends SchannelTls12Rule {
    SchannelTls12ServerRule() {
        super(false);
    }

    @Override
    public String id() {
        return "schannel-tls12-server";
    }

    @Override
    public String title() {
        return "SCHANNEL TLS 1.2 server enabled";
    }
}
