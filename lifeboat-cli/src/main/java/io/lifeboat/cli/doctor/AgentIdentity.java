package io.lifeboat.cli.doctor;

import io.lifeboat.tls.LifeboatException;
import io.lifeboat.tls.pki.Pem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** What an agent directory holds for a connection: the vault's CA, the machine certificate and key. */
record AgentIdentity(List<X509Certificate> vaultCa, List<X509Certificate> machineChain, PrivateKey machineKey) {

    static AgentIdentity read(Path dir) {
        Path ca = dir.resolve("ca.crt");
        Path crt = dir.resolve("machine.crt");
        Path key = dir.resolve("machine.key");
        List<X509Certificate> vaultCa = certificates(ca, "the vault's CA of an enrolled agent directory");
        if (!Files.exists(crt) && !Files.exists(key)) {
            return new AgentIdentity(vaultCa, List.of(), null);
        }
        List<X509Certificate> chain = certificates(crt, "the machine certificate");
        try {
            return new AgentIdentity(vaultCa, chain, Pem.readPrivateKey(key));
        } catch (IOException e) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "cannot read " + key + ": " + e.getMessage(), e);
        }
    }

    static List<X509Certificate> certificates(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, file + ": not found (" + what + ")");
        }
        try {
            return Pem.readCertificates(file);
        } catch (IOException e) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
