package io.lifeboat.vault;

import io.lifeboat.tls.LifeboatException;
import io.lifeboat.tls.pki.HeldCertificate;
import io.lifeboat.tls.pki.Pem;
import io.lifeboat.vault.api.EnrolmentToken;
import io.lifeboat.vault.api.VaultListener;
import io.lifeboat.vault.pki.VaultAuthority;
import io.lifeboat.vault.store.MachineRecord;
import io.lifeboat.vault.store.MachineRegistry;
import io.lifeboat.vault.store.TokenStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An initialised vault folder and the operator's operations on it: init, enroll (make a token),
 * machines, revoke. The server ({@link VaultServer}) works on the same files.
 */
public final class Vault {
    private final VaultLayout layout;
    private final VaultConfig config;
    private final VaultAuthority authority;
    private final TokenStore tokens;
    private final MachineRegistry machines;
    private final Clock clock;
    private volatile VaultListener listener = VaultListener.NONE;

    private Vault(VaultLayout layout, VaultConfig config, HeldCertificate ca, Clock clock) {
        this.layout = layout;
        this.config = config;
        this.clock = clock;
        this.authority = new VaultAuthority(ca, clock);
        this.tokens = new TokenStore(layout.tokens(), clock);
        this.machines = new MachineRegistry(layout.machines(), clock);
    }

    /**
     * Creates the CA, the server certificate and the config in an empty or new folder.
     *
     * @throws LifeboatException USAGE when the folder already holds a vault (nothing is overwritten)
     */
    public static Vault init(VaultLayout layout, List<String> hosts, HostPort listen, Clock clock) {
        return init(layout, hosts, listen, null, null, clock);
    }

    /**
     * As {@link #init(VaultLayout, List, HostPort, Clock)}, with the repository on {@code store} (a store
     * URL, or null for {@code V/repo/}) and its connection string in {@code credentialsFile} (or null:
     * from the environment), both recorded in {@code vault.json}. The caller checks the store first.
     */
    public static Vault init(VaultLayout layout, List<String> hosts, HostPort listen, String store, String credentialsFile,
            Clock clock) {
        if (Files.exists(layout.caKey()) || Files.exists(layout.config())) {
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
        try {
            Files.createDirectories(layout.dir());
            Files.createDirectories(layout.tokens());
            Files.createDirectories(layout.machines());
            HeldCertificate ca = VaultAuthority.newCa("Lifeboat vault CA", clock);
            VaultAuthority authority = new VaultAuthority(ca, clock);
            List<String> sans = new ArrayList<>(names);
            boolean wildcard = listen.host().equals("0.0.0.0") || listen.host().equals("::");
            if (!wildcard && !sans.contains(listen.host())) {
                sans.add(listen.host());
            }
            HeldCertificate server = authority.newServerCertificate(sans);
            Pem.writePrivateKey(layout.caKey(), ca.keyPair());
            Pem.writeCertificates(layout.caCertificate(), ca.certificate());
            Pem.writePrivateKey(layout.serverKey(), server.keyPair());
            Pem.writeCertificates(layout.serverCertificate(), server.certificate(), ca.certificate());
            VaultConfig config = VaultConfig.defaults(listen, names).withStore(store, credentialsFile);
            config.write(layout);
            return new Vault(layout, config, ca, clock);
        } catch (IOException e) {
            throw new LifeboatException(LifeboatException.Kind.FAILED, "cannot create the vault in "
                    + layout.dir() + ": " + e.getMessage(), e);
        }
    }

    /** @throws LifeboatException USAGE when the folder is not an initialised vault */
    public static Vault open(VaultLayout layout, Clock clock) {
        VaultConfig config = VaultConfig.read(layout);
        try {
            return new Vault(layout, config, HeldCertificate.readFrom(layout.dir(), "ca"), clock);
        } catch (IOException e) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "cannot read the vault's CA in "
                    + layout.dir() + ": " + e.getMessage(), e);
        }
    }

    public VaultLayout layout() {
        return layout;
    }

    public VaultConfig config() {
        return config;
    }

    public VaultAuthority authority() {
        return authority;
    }

    public TokenStore tokens() {
        return tokens;
    }

    public MachineRegistry machines() {
        return machines;
    }

    public Clock clock() {
        return clock;
    }

    /** Who is told about enrolments, renewals and revocations (fleet operations); none by default. */
    public VaultListener listener() {
        return listener;
    }

    public Vault listener(VaultListener l) {
        this.listener = java.util.Objects.requireNonNull(l);
        return this;
    }

    /** The SHA-256 of the CA certificate: what enrolment tokens pin. */
    public String caSha256() {
        return authority.ca().sha256();
    }

    /**
     * The address agents should dial: the running server's bound address ({@code run/address}) when
     * there is one, else the configured listen address (the first {@code --host} when it listens on
     * a wildcard address).
     */
    public String advertisedAddress() {
        try {
            if (Files.isRegularFile(layout.address())) {
                String a = Files.readString(layout.address(), StandardCharsets.UTF_8).trim();
                if (!a.isEmpty()) {
                    return a;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HostPort listen = config.listenAddress();
        if (listen.port() == 0) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "the vault in " + layout.dir()
                    + " listens on a port chosen at start-up: start `lifeboat vault serve` first, then make the token");
        }
        boolean wildcard = listen.host().equals("0.0.0.0") || listen.host().equals("::");
        if (wildcard) {
            String host = config.hosts().isEmpty() ? "127.0.0.1" : config.hosts().get(0);
            return new HostPort(host, listen.port()).toString();
        }
        return listen.toString();
    }

    /** Makes a one-time token for {@code machine}, valid for {@code ttl}; returns its text. */
    public String enroll(String machine, Duration ttl) {
        MachineName.require(machine);
        if (ttl.isNegative() || ttl.isZero()) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "--ttl must be positive");
        }
        try {
            TokenStore.Issued issued = tokens.create(machine, ttl);
            return new EnrolmentToken(advertisedAddress(), issued.record().id(), issued.secret(), caSha256(), machine)
                    .encode();
        } catch (IOException e) {
            throw new LifeboatException(LifeboatException.Kind.FAILED, "cannot store the token: " + e.getMessage(), e);
        }
    }

    public List<MachineRecord> listMachines() {
        return machines.list();
    }

    public MachineRecord revoke(String machine) {
        MachineName.require(machine);
        try {
            MachineRecord r = machines.revoke(machine);
            listener.revoked(machine);
            return r;
        } catch (IOException e) {
            throw new LifeboatException(LifeboatException.Kind.FAILED, "cannot revoke " + machine + ": " + e.getMessage(), e);
        }
    }
}
