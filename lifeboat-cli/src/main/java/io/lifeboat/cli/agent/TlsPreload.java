package io.lifeboat.cli.agent;

import io.lifeboat.tls.engine.TlsEngine;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

/**
 * Starts loading BoringSSL at the JVM's start for {@code agent protect}, on a thread of its own, while
 * picocli builds and parses the command line. Netty's {@code OpenSsl} loads the native library and
 * probes it (a context, the cipher and group lists) in its class initialiser: 0.3-0.7 s of a cold
 * start on 2 cores, which the pass's first request to the vault otherwise waited for, since the
 * command starts the vault client only once its options are parsed. Whoever asks for the engine
 * later ({@link TlsEngine#select}) waits for the initialiser to finish rather than running it again
 * (the JVM runs a class initialiser once), and sees the same result, a failure to load included.
 *
 * <p>Then it reads the JDK's list of public root certificates ({@link #PUBLIC_ROOTS}), which the first
 * handshake would otherwise read on the event loop: checking the vault's name against its
 * certificate, the JDK's trust manager asks whether the chain ends at one of {@code cacerts}' public
 * roots (stricter wildcard rules there), and the first such question loads and fingerprints all of
 * them, about 20 ms of a cold event loop (JFR, session 25). The answer for Lifeboat's own CA is no;
 * nothing about the check changes, only which thread pays for the list, and when.
 *
 * <p>Last it checks one fixed ECDSA P-256 signature ({@link #warmEcdsaCheck}): the vault's certificate is
 * signed so by its CA, and the handshake checks that signature in Java (the JDK's PKIX trust manager,
 * SunEC), the first time with SunEC's classes to load and its field arithmetic run interpreted, on
 * the event loop. Checked once here first, the arithmetic's hot methods have been called often
 * enough to be compiled by the time the handshake comes. The handshake's own check is unchanged.
 *
 * <p>Nothing is loaded when the engine is forced to the JDK's ({@code --engine jdk} or
 * {@code LIFEBOAT_TLS_ENGINE=jdk}); any failure here is left to that later call to report.
 */
public final class TlsPreload {
    /** picocli's standard options that print the help or the version and run nothing. */
    private static final Set<String> ONLY_PRINTS = Set.of("-h", "--help", "-V", "--version");
    /** The JDK 17 class whose initialiser reads and fingerprints {@code cacerts}' public roots. */
    static final String PUBLIC_ROOTS = "sun.security.util.AnchorCertificates";

    /** A P-256 public key (X.509 SubjectPublicKeyInfo) made for {@link #WARM_SIGNATURE}; it signs nothing else. */
    private static final String WARM_KEY = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEqpB5howwlecJDLna410dQkEsYtNIUXwO5oSBVKZwaDe"
            + "nscNgYaGMG7EOClyL8V5OS5MqY/vGu7QcgwvALU9TaA==";
    /** SHA256withECDSA of {@link #WARM_MESSAGE} by {@link #WARM_KEY}'s private key (DER). */
    private static final String WARM_SIGNATURE = "MEUCIA2pEVmbgojSphymdhSz4U21mK23cKmTVg0UyimKVlowAiEA1cfCYf/uqnJQ0pcfwajL"
            + "XofBdmHS/H14Jqa1WojJaDU=";
    private static final String WARM_MESSAGE = "lifeboat: warm the ECDSA P-256 check";

    private TlsPreload() {
    }

    /** Whether {@code args} are those of a command that opens a vault connection at once and may preload. */
    public static boolean wanted(String[] args, String engineEnv) {
        if (args.length < 2 || !args[0].equals("agent") || !args[1].equals("protect")) {
            return false;
        }
        String engine = engineEnv == null ? "auto" : engineEnv;
        for (int i = 2; i < args.length && !args[i].equals("--"); i++) { // after "--", only paths
            if (ONLY_PRINTS.contains(args[i])) {
                return false;
            }
            if (args[i].equals("--engine") && i + 1 < args.length) {
                engine = args[i + 1];
            } else if (args[i].startsWith("--engine=")) {
                engine = args[i].substring("--engine=".length());
            }
        }
        return !engine.toLowerCase(Locale.ROOT).equals("jdk");
    }

    /** Starts the preload when {@link #wanted}; returns the thread started, or null. */
    public static Thread startIfWanted(String[] args) {
        if (!wanted(args, System.getenv("LIFEBOAT_TLS_ENGINE"))) {
            return null;
        }
        Thread t = new Thread(TlsPreload::load, "lifeboat-tls-preload");
        t.setDaemon(true); // never keeps the JVM up
        t.start();
        return t;
    }

    private static void load() {
        try {
            TlsEngine.BORINGSSL.available();
        } catch (Throwable t) { // reported by the command's own choice of engine, with its reason
            // nothing to do here
        }
        try {
            Class.forName(PUBLIC_ROOTS, true, TlsPreload.class.getClassLoader());
        } catch (Throwable t) { // another JDK: the handshake reads what it needs itself
            // nothing to do here
        }
        try {
            warmEcdsaCheck();
        } catch (Throwable t) { // the handshake's own check reports whatever is wrong with the JDK's EC
            // nothing to do here
        }
    }

    /** Checks the fixed signature: true when it holds (always, on a sound JDK). */
    static boolean warmEcdsaCheck() throws java.security.GeneralSecurityException {
        PublicKey key = KeyFactory.getInstance("EC")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(WARM_KEY)));
        Signature check = Signature.getInstance("SHA256withECDSA");
        check.initVerify(key);
        check.update(WARM_MESSAGE.getBytes(StandardCharsets.US_ASCII));
        return check.verify(Base64.getDecoder().decode(WARM_SIGNATURE));
    }
}
