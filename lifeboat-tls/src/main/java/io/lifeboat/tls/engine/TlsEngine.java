package io.lifeboat.tls.engine;

import io.lifeboat.tls.LifeboatException;
import io.lifeboat.tls.NamedGroup;
import io.lifeboat.tls.TlsPolicy;
import io.netty.handler.ssl.OpenSsl;
import io.vertx.core.net.SSLEngineOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The two TLS engines a Lifeboat link can run on, both held to the same {@link TlsPolicy}.
 *
 * <p>{@link #BORINGSSL} (netty-tcnative) is preferred: about twice the bulk throughput of the JDK
 * engine here, and it has the hybrid post-quantum group X25519MLKEM768. {@link #JDK} (SunJSSE) is
 * the fallback when the native library cannot load. Either can be forced (tests run the same
 * policy suite once per engine).
 */
public enum TlsEngine {
    BORINGSSL("boringssl"),
    /**
     * SunJSSE. Java 17 has no per-context group API: the policy's groups are set process-wide
     * through {@code jdk.tls.namedGroups} (unless the operator set it), and client-initiated
     * renegotiation is rejected through {@code jdk.tls.rejectClientInitiatedRenegotiation}.
     */
    JDK("jdk");

    private final String id;

    TlsEngine(String id) {
        this.id = id;
    }

    /** "boringssl" or "jdk": the value reported at start-up and by {@code /health}. */
    public String id() {
        return id;
    }

    public boolean available() {
        return this == JDK || OpenSsl.isAvailable();
    }

    /** Why this engine cannot be used, or "" when it can. */
    public String unavailableReason() {
        if (available()) {
            return "";
        }
        Throwable t = OpenSsl.unavailabilityCause();
        return t == null ? "the native library did not load" : String.valueOf(t.getMessage());
    }

    /** e.g. "boringssl (BoringSSL, netty-tcnative)" or "jdk (SunJSSE, Java 17.0.15)". */
    public String description() {
        return this == BORINGSSL
                ? id + " (" + OpenSsl.versionString() + ", netty-tcnative)"
                : id + " (SunJSSE, Java " + Runtime.version() + ")";
    }

    /** BoringSSL when the native library loads, else the JDK engine. */
    public static TlsEngine preferred() {
        return BORINGSSL.available() ? BORINGSSL : JDK;
    }

    /**
     * @param choice "auto" (or null/blank), "boringssl" or "jdk"
     * @throws LifeboatException USAGE for an unknown name or a forced engine that cannot load
     */
    public static TlsEngine select(String choice) {
        if (choice == null || choice.isBlank() || choice.equalsIgnoreCase("auto")) {
            return preferred();
        }
        for (TlsEngine e : values()) {
            if (e.id.equals(choice.toLowerCase(Locale.ROOT))) {
                if (!e.available()) {
                    throw new LifeboatException(LifeboatException.Kind.USAGE, "TLS engine " + e.id
                            + " is not available on this machine: " + e.unavailableReason());
                }
                return e;
            }
        }
        throw new LifeboatException(LifeboatException.Kind.USAGE,
                "unknown TLS engine '" + choice + "': use auto, boringssl or jdk");
    }

    /** The Vert.x engine options enforcing {@code policy}'s groups and reporting refused clients. */
    SSLEngineOptions engineOptions(TlsPolicy policy, TlsRefusalListener listener) {
        if (this == BORINGSSL) {
            return new PolicyOpenSslEngineOptions(boringSslGroups(policy), listener, policy.newestVersion().wireId());
        }
        configureJdk(policy);
        return new PolicyJdkEngineOptions(listener, policy.newestVersion().wireId());
    }

    /** The policy's groups under BoringSSL's names, in order. */
    static String[] boringSslGroups(TlsPolicy policy) {
        List<String> names = new ArrayList<>();
        for (NamedGroup g : policy.groups()) {
            switch (g) {
                case X25519_MLKEM768 -> names.add("X25519MLKEM768");
                case X25519 -> names.add("X25519");
                case SECP256R1 -> names.add("P-256");
                case SECP384R1 -> names.add("P-384");
                case SECP521R1 -> names.add("P-521");
                default -> { } // not offered by BoringSSL
            }
        }
        return names.toArray(String[]::new);
    }

    /** The policy's groups that SunJSSE 17 knows (it has no hybrid post-quantum group). */
    static String jdkGroups(TlsPolicy policy) {
        List<String> names = new ArrayList<>();
        for (NamedGroup g : policy.groups()) {
            if (g.kind() == NamedGroup.Kind.EC) {
                names.add(g.standardName());
            }
        }
        return String.join(",", names);
    }

    private static synchronized void configureJdk(TlsPolicy policy) {
        if (System.getProperty("jdk.tls.namedGroups") == null) {
            System.setProperty("jdk.tls.namedGroups", jdkGroups(policy));
        }
        System.setProperty("jdk.tls.rejectClientInitiatedRenegotiation", "true");
    }
}
