package io.lifeboat.vault.ops;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import io.vertx.core.http.HttpConnection;
import java.lang.reflect.Method;
import javax.net.ssl.SSLEngine;

/**
 * The key-exchange group a connection negotiated, read from the BoringSSL engine
 * ({@code SSL.getGroupName}, tcnative 2.0.84+, reached by reflection because tcnative is a runtime
 * dependency). Vert.x does not expose the channel publicly, so this reads its connection class's
 * {@code channel()}; anything unexpected answers "unknown" and never fails a request.
 */
final class NegotiatedGroup {
    private static final String UNKNOWN = "unknown";

    private NegotiatedGroup() {
    }

    static String of(HttpConnection connection) {
        try {
            Method channel = connection.getClass().getMethod("channel");
            Object ch = channel.invoke(connection);
            if (!(ch instanceof Channel c)) {
                return UNKNOWN;
            }
            SslHandler ssl = c.pipeline().get(SslHandler.class);
            return ssl == null ? UNKNOWN : of(ssl.engine());
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return UNKNOWN;
        }
    }

    private static String of(SSLEngine engine) throws ReflectiveOperationException {
        Method pointer;
        try {
            pointer = engine.getClass().getMethod("sslPointer");
        } catch (NoSuchMethodException e) {
            return UNKNOWN; // the JDK engine
        }
        long ssl = (long) pointer.invoke(engine);
        Method name = Class.forName("io.netty.internal.tcnative.SSL").getMethod("getGroupName", long.class);
        Object g = name.invoke(null, ssl);
        return g == null ? UNKNOWN : g.toString();
    }
}
