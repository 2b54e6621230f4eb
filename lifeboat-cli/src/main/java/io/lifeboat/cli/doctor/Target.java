package io.lifeboat.cli.doctor;

import io.lifeboat.tls.Endpoint;
import java.util.OptionalInt;

import io.lifeboat.tls.LifeboatException;

/** HOST:PORT as typed: "vault.example:8443", "127.0.0.1:8443", "[::1]:8443". */
record Target(String host, int port) {

    /** The shared parser ({@link Endpoint}); the doctor needs the port. */
    static Target parse(String text) {
        try {
            Endpoint e = Endpoint.parse(text, OptionalInt.empty());
            return new Target(e.host(), e.port());
        } catch (LifeboatException e) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "doctor: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
