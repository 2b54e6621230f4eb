package io.lifeboat.scan.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Names to addresses. The system's by default; tests give names several loopback addresses. */
@FunctionalInterface
public interface Resolver {
    Resolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

    /** Every address of {@code host}, in the resolver's order (the first is the one scanned by default). */
    List<InetAddress> resolve(String host) throws UnknownHostException;
}
