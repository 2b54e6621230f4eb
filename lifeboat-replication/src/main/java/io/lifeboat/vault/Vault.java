package io.lifeboat.vault;

import io.lifeboat.tls.LifeboatException;
import io.lifeboat.tls.pki.HeldCertificate;
import io.lifeboat.tls.pki.Pem;
import io.lifeboat.vault.api.EnrolmentToken;
import io.lifeboat.vault.api.VaultListener;
import io.lifeboat.repository.backend.Backend;
import io.lifeboat.vault.pki.StoredCa;
import io.lifeboat.vault.pki.VaultAuthority;
import io.lifeboat.vault.pki.VaultKey;
import io.lifeboat.vault.store.MachineRecord;
import io.lifeboat.vault.store.MachineRegistry;
import io.lifeboat.vault.store.PolicyStore;
import io.lifeboat.vault.store.TokenStore;
import io.lifeboat.vault.store.VaultState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * An initialised vault folder and the operator's operations on it: init, enroll (make a token),
 * machines, revoke. The server ({@link VaultServer}) works on the same state: the folder's files, or,
 * for a vault on a store, the records every node on that store shares ({@link VaultState}).
 */
public final class Vault {
    private final VaultLayout layout;
    private final VaultConfig config;
    private final VaultAuthority authority;
    private final VaultState state;
    private final Clock clock;
    private volatile VaultListener listener = VaultListener.NONE;

    private Vault(VaultLayout layout, VaultConfig config, HeldCertificate ca, VaultState state, Clock clock) {
        this.layout = layout;
        this.config = config;
        this.clock = clock;
        this.authority = new VaultAuthority(ca, clock);
        this.state = state;
    }

    private static VaultState localState(VaultLayout layout, Clock clock) {
        return VaultState.local(layout.machines(), layout.tokens(), layout.policy(), clock);
    }

    /**
     * Creates the CA, the server certificate and the config in an empty or new folder.
     *
     * @throws LifeboatException USAGE when the folder already holds a vault (nothing is overwritten)
     */
    public static Vault init(VaultLayout layout, List<String> hosts, HostPort listen, Clock clock) {
        NodeFiles files = NodeFiles.check(layout, hosts, listen);
        HeldCertificate ca = VaultAuthority.newCa("Lifeboat vault CA", clock);
        try {
            Files.createDirectories(layout.tokens());
            Files.createDirectories(layout.machines());
            Pem.writePrivateKey(layout.caKey(), ca.keyPair());
            VaultConfig config = files.write(ca, VaultConfig.defaults(listen, files.names()), clock);
            return new Vault(layout, config, ca, localState(layout, clock), clock);
        } catch (IOException e) {
            throw new LifeboatException(LifeboatException.Kind.FAILED, "cannot create the vault in "
                    + layout.dir() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Creates a vault whose state is in {@code store} (the store's first node): a new CA whose private key
     * goes to the store only sealed under a new vault key, which is written to {@code V/vault.key} (0600);
     * the server certificate and {@code vault.json} (naming the store and {@code credentialsFile}, or null
     * for the environment) in the folder.
     *
     * @throws LifeboatException USAGE when the folder or the store already holds a vault (nothing is written)
     */
    public static Vault initOnStore(VaultLayout layout, List<String> hosts, HostPort listen, Backend store,
            String credentialsFile, Clock clock) {
        NodeFiles files = NodeFiles.check(layout, hosts, listen);
        HeldCertificate ca = VaultAuthority.newCa("Lifeboat vault CA", clock);
        VaultKey key = VaultKey.generate();
        try {
            StoredCa.requireNone(store);
            Files.createDirectories(layout.dir());
            key.write(layout.vaultKey()); // before the store has the sealed key: never a sealed key without its key
            try {
                StoredCa.create(store, ca, key);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(layout.vaultKey());
                throw e;
            }
            VaultConfig config = files.write(ca, VaultConfig.defaults(listen, files.names())
                    .withStore(store.location(), credentialsFile), clock);
            return new Vault(layout, config, ca, VaultState.onStore(store, clock), clock);
        } catch (IOException e) {
            throw new LifeboatException(LifeboatException.Kind.FAILED, "cannot create the vault in "
                    + layout.dir() + " on " + store.location() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Makes {@code layout} another node of the vault in {@code store}: opens the store's CA with the vault
     * key in {@code keyFile}, issues this node's server certificate for {@code hosts}, and writes the folder
     * (a copy of the vault key, the CA certificate, the server certificate, {@code vault.json}). The key and
     * the store are checked before anything is written.
     *
     * @throws LifeboatException USAGE when the folder holds a vault, the store none, or the key does not open it
     */
    public static Vault join(VaultLayout layout, List<String> hosts, HostPort listen, Backend store, String credentialsFile,
            Path keyFile, Clock clock) {
        NodeFiles files = NodeFiles.check(layout, hosts, listen);
        VaultKey key = VaultKey.read(keyFile);
        try {
            HeldCertificate ca = StoredCa.open(store, key, keyFile.toString());
            Files.createDirectories(layout.dir());
            key.write(layout.vaultKey());
            VaultConfig config = files.write(ca, VaultConfig.defaults(listen, files.names())
                    .withStore(store.location(), credentialsFile), clock);
            return new Vault(layout, config, ca, VaultState.onStore(store, clock), clock);
        } catch (IOException e) {
            throw new LifeboatException(LifeboatException.Kind.FAILED, "cannot join " + layout.dir() + " to "
                    + store.location() + ": " + e.getMessage(), e);
        }
    }

    /** @throws LifeboatException USAGE when the folder is not an initialised vault, or is a vault on a store */
    public static Vault open(VaultLayout layout, Clock clock) {
        VaultConfig config = VaultConfig.read(layout);
        if (config.store() != null) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "the vault in " + layout.dir() + " keeps its state in "
                    + config.store() + ": open it with its store");
        }
        try {
            return new Vault(layout, config, HeldCertificate.readFrom(layout.dir(), "ca"), localState(layout, clock), clock);
        } catch (IOException e) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "cannot read the vault's CA in "
                    + layout.dir() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens a node of a vault on a store: the CA from the store, its key opened with {@code V/vault.key}.
     *
     * @throws LifeboatException USAGE when the folder is no such node, or its key does not open the store's CA
     */
    public static Vault open(VaultLayout layout, Backend store, Clock clock) {
        VaultConfig config = VaultConfig.read(layout);
        if (config.store() == null) {
            return open(layout, clock);
        }
        VaultKey key = VaultKey.read(layout.vaultKey());
        try {
            HeldCertificate ca = StoredCa.open(store, key, layout.vaultKey().toString());
            return new Vault(layout, config, ca, VaultState.onStore(store, clock), clock);
        } catch (IOException e) {
            throw new LifeboatException(LifeboatException.Kind.FAILED, "cannot read the vault's CA in "
                    + store.location() + ": " + e.getMessage(), e);
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
        return state.tokens();
    }

    public MachineRegistry machines() {
        return state.machines();
    }

    /** The storage policy: {@code V/policy.json}, or the store's record for a vault on a store. */
    public PolicyStore policy() {
        return state.policy();
    }

    /** The event log: {@code V/events/}, or for a vault on a store the store's, which every node writes. */
    public io.lifeboat.vault.events.EventJournal events() {
        return state.store().<io.lifeboat.vault.events.EventJournal>map(io.lifeboat.vault.events.StoreEventLog::new)
                .orElseGet(() -> io.lifeboat.vault.events.EventLog.in(layout.dir()));
    }

    /** The store the vault's state is on, or empty for a vault on its own folder. */
    public java.util.Optional<Backend> store() {
        return state.store();
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
            TokenStore.Issued issued = state.tokens().create(machine, ttl);
            return new EnrolmentToken(advertisedAddress(), issued.record().id(), issued.secret(), caSha256(), machine)
                    .encode();
        } catch (IOException e) {
            throw new LifeboatException(LifeboatException.Kind.FAILED, "cannot store the token: " + e.getMessage(), e);
        }
    }

    public List<MachineRecord> listMachines() {
        return state.machines().list();
    }

    public MachineRecord revoke(String machine) {
        MachineName.require(machine);
        try {
            MachineRecord r = state.machines().revoke(machine);
            listener.revoked(machine);
            return r;
        } catch (IOException e) {
            throw new LifeboatException(LifeboatException.Kind.FAILED, "cannot revoke " + machine + ": " + e.getMessage(), e);
        }
    }
}
