package io.lifeboat.scan.net;

import io.lifeboat.tls.wire.ServerMessage;
import java.util.List;

/** How much of the server's answer a probe needs; reading stops as soon as it has that. */
public enum Until {
    /** The ServerHello (or HelloRetryRequest, SSL 2.0 SERVER-HELLO, or an alert). */
    SERVER_HELLO,
    /** Everything up to ServerHelloDone: certificate and key exchange included (TLS 1.2 and below). */
    SERVER_HELLO_DONE;

    /** True when {@code messages} already hold what was asked for, or nothing more can come. */
    public boolean satisfiedBy(List<ServerMessage> messages) {
        for (ServerMessage m : messages) {
            if (m instanceof ServerMessage.AlertReceived a && a.alert().fatal()
                    || m instanceof ServerMessage.Ssl2Hello
                    || m instanceof ServerMessage.Encrypted
                    || m instanceof ServerMessage.ChangeCipherSpec
                    || m instanceof ServerMessage.HelloDone) {
                return true;
            }
            if (m instanceof ServerMessage.Hello h) {
                if (this == SERVER_HELLO || h.hello().helloRetryRequest() || h.hello().negotiatedVersion() == 0x0304) {
                    return true;
                }
            }
        }
        return false;
    }
}
