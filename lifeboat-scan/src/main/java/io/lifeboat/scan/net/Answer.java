package io.lifeboat.scan.net;

import io.lifeboat.tls.wire.Alert;
import io.lifeboat.tls.wire.CertificateMessage;
import io.lifeboat.tls.wire.ServerHello;
import io.lifeboat.tls.wire.ServerMessage;
import java.util.List;
import java.util.Optional;

/**
 * What one exchange produced: the messages read (possibly none) and, when it did not end the way the
 * probe asked, the failure. A fatal alert is reported both ways: as a message and as an
 * {@link FailureReason#ALERT} failure. {@code bytesReceived} tells a clean refusal (nothing sent, then
 * closed or reset) from a connection cut in the middle of an answer.
 */
public record Answer(List<ServerMessage> messages, Optional<Failure> failure, long bytesReceived) {

    public Answer {
        messages = List.copyOf(messages);
    }

    public Optional<ServerHello> serverHello() {
        return messages.stream().filter(m -> m instanceof ServerMessage.Hello)
                .map(m -> ((ServerMessage.Hello) m).hello()).findFirst();
    }

    public Optional<Alert> alert() {
        return messages.stream().filter(m -> m instanceof ServerMessage.AlertReceived)
                .map(m -> ((ServerMessage.AlertReceived) m).alert()).findFirst();
    }

    public Optional<CertificateMessage> certificates() {
        return messages.stream().filter(m -> m instanceof ServerMessage.Certificates)
                .map(m -> ((ServerMessage.Certificates) m).message()).findFirst();
    }

    public Optional<byte[]> serverKeyExchange() {
        return messages.stream().filter(m -> m instanceof ServerMessage.KeyExchange)
                .map(m -> ((ServerMessage.KeyExchange) m).body()).findFirst();
    }
}
