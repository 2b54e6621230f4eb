package io.lifeboat.vault;

import io.lifeboat.tls.LifeboatException;
import io.lifeboat.tls.pki.HeldCertificate;
import io.lifeboat.tls.pki.Pem;
import io.lifeboat.vault.pki.VaultAuthority;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * What every vault folder holds whatever its state's home: the CA certificate, this node's server
 * certificate and {@code vault.json}. {@link #check} refuses a folder that already holds a vault and bad
 * host names before anything is made; {@link #write} writes the files.
 *
 * @param names the distinct {@code --host} names, in order
 */
record NodeFiles(VaultLayout layout, List<String> names, HostPort listen) {

    /** @throws LifeboatException USAGE when the folder already holds a vault or a host name is bad */
    static NodeFiles check(VaultLayout layout, List<String> hosts, HostPort listen) {
        if (Files.exists(layout.caKey()) || Files.exists(layout.config()) || Files.exists(layout.vaultKey())) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, layout.dir()
                    + " already holds a vault; nothing was changed (use another --dir)");
        }
        List<String> names = new ArrayList<>();
        for (String h : hosts) {
            if (h == null || h.isBlank() || h.contains("/") || h.contains(" ")) {
                throw new LifeboatException(LifeboatException.Kind.USAGE, "--host '" + h + "' is not a host name or IP address");
            }
            if (!names.contains(h)) {
                names.add(h);
            }
        }
        return new NodeFiles(layout, List.copyOf(names), listen);
    }

    /** Writes the CA certificate, a server certificate for the names (and the listen host) and {@code config}. */
    VaultConfig write(HeldCertificate ca, VaultConfig config, Clock clock) throws IOException {
        Files.createDirectories(layout.dir());
        List<String> sans = new ArrayList<>(names);
        boolean wildcard = listen.host().equals("0.0.0.0") || listen.host().equals("::");
        if (!wildcard && !sans.contains(listen.host())) {
            sans.add(listen.host());
        }
        HeldCertificate server = new VaultAuthority(ca, clock).newServerCertificate(sans);
        Pem.writeCertificates(layout.caCertificate(), ca.certificate());
        Pem.writePrivateKey(layout.serverKey(), server.keyPair());
        Pem.writeCertificates(layout.serverCertificate(), server.certificate(), ca.certificate());
        config.write(layout);
        return config;
    }
}
