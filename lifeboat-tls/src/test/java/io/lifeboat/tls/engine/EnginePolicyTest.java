package io.lifeboat.tls.engine;

import static io.lifeboat.tls.engine.RawTls.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.tls.NamedGroup;
import io.lifeboat.tls.TlsPolicy;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The policy suite, run once per engine: the same server options ({@link VertxTls}) on BoringSSL
 * and on the JDK engine must refuse and accept exactly the same clients.
 */
@Tag("integration")
class EnginePolicyTest {
    private static final Map<TlsEngine, PolicyServer> SERVERS = new EnumMap<>(TlsEngine.class);

    static synchronized PolicyServer server(TlsEngine engine) throws Exception {
        if (!engine.available()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(engine + " is not available under CI: " + engine.unavailableReason());
            }
            Assumptions.abort(engine + " is not available: " + engine.unavailableReason());
        }
        PolicyServer s = SERVERS.get(engine);
        if (s == null) {
            s = new PolicyServer(engine);
            SERVERS.put(engine, s);
        }
        return s;
    }

    @AfterAll
    static synchronized void stop() throws Exception {
        for (PolicyServer s : SERVERS.values()) {
            s.close();
        }
        SERVERS.clear();
    }

    @ParameterizedTest
    @EnumSource(TlsEngine.class)
    void clientOfferingOnlyTls10Or11GetsProtocolVersionAlertAndOneRefusal(TlsEngine engine) throws Exception {
        PolicyServer s = server(engine);
        for (int v : new int[] {TLS_1_0, TLS_1_1}) {
            int before = s.refusals.size();
            Answer a = exchange(s.port(), clientHello(TLS_1_0, v,
                    new int[] {ECDHE_ECDSA_AES128_CBC_SHA, RSA_AES128_CBC_SHA}, null));
            assertThat(a.isAlert()).as("alert for %04x", v).isTrue();
            assertThat(a.alertLevel()).isEqualTo(2);
            assertThat(a.alertDescription()).as("protocol_version").isEqualTo(70);
            List<HandshakeRefusal> r = s.refusalsAfter(before);
            assertThat(r).hasSize(1);
            assertThat(r.get(0).oldProtocol()).isTrue();
            assertThat(r.get(0).remote()).contains("127.0.0.1");
            assertThat(r.get(0).offered().orElseThrow().highestWireId()).isEqualTo(v);
            assertThat(r.get(0).logLine()).contains(v == TLS_1_0 ? "offers only TLSv1:" : "offers only TLSv1.1:")
                    .contains("lifeboat readiness").doesNotContain("\n");
        }
    }

    @ParameterizedTest
    @EnumSource(TlsEngine.class)
    void supportedVersionsListingOnlyOldVersionsIsRefusedToo(TlsEngine engine) throws Exception {
        PolicyServer s = server(engine);
        int before = s.refusals.size();
        Answer a = exchange(s.port(), clientHello(TLS_1_0, TLS_1_1,
                new int[] {ECDHE_ECDSA_AES128_CBC_SHA}, new int[] {0x1a1a, TLS_1_1, TLS_1_0}));
        assertThat(a.isAlert()).isTrue();
        assertThat(a.alertDescription()).isEqualTo(70);
        assertThat(s.refusalsAfter(before).get(0).offered().orElseThrow().highestName()).isEqualTo("TLSv1.1");
    }

    @ParameterizedTest
    @EnumSource(TlsEngine.class)
    void tls12MaxClientSeesTheRfc8446DowngradeSentinel(TlsEngine engine) throws Exception {
        PolicyServer s = server(engine);
        Answer a = exchange(s.port(), clientHello(TLS_1_0, TLS_1_2,
                new int[] {ECDHE_ECDSA_AES128_GCM, ECDHE_RSA_AES128_GCM}, null));
        assertThat(a.isServerHello()).isTrue();
        assertThat(a.serverVersion()).isEqualTo(TLS_1_2);
        assertThat(a.cipherSuite()).isEqualTo(ECDHE_ECDSA_AES128_GCM);
        assertThat(a.randomTail()).containsExactly(DOWNGRADE_TLS12);
    }

    @ParameterizedTest
    @EnumSource(TlsEngine.class)
    void fallbackScsvBelowTheServersBestVersionIsRefused(TlsEngine engine) throws Exception {
        PolicyServer s = server(engine);
        Answer a = exchange(s.port(), clientHello(TLS_1_0, TLS_1_2,
                new int[] {ECDHE_ECDSA_AES128_GCM, FALLBACK_SCSV}, null));
        assertThat(a.isAlert()).isTrue();
        assertThat(a.alertDescription()).as("inappropriate_fallback").isEqualTo(86);
    }

    @ParameterizedTest
    @EnumSource(TlsEngine.class)
    void tls12WithOnlyCbcOrOnlyStaticRsaSuitesFails(TlsEngine engine) throws Exception {
        PolicyServer s = server(engine);
        for (int[] suites : new int[][] {{ECDHE_ECDSA_AES128_CBC_SHA, ECDHE_ECDSA_AES256_CBC_SHA},
                {RSA_AES128_GCM, RSA_AES128_CBC_SHA}}) {
            Answer a = exchange(s.port(), clientHello(TLS_1_0, TLS_1_2, suites, null));
            assertThat(a.isAlert()).isTrue();
            assertThat(a.alertLevel()).isEqualTo(2);
            assertThat(a.alertDescription()).as("handshake_failure or insufficient_security").isIn(40, 71);
        }
    }

    @ParameterizedTest
    @EnumSource(TlsEngine.class)
    void opensslTls13AndTls12AeadSucceedWithClientCertificate(TlsEngine engine) throws Exception {
        PolicyServer s = server(engine);
        String ca = s.dir.resolve("ca.crt").toString();
        String cert = s.dir.resolve("client.crt").toString();
        String key = s.dir.resolve("client.key").toString();
        OpenSslClient.Run t13 = OpenSslClient.sClient(s.port(), "GET / HTTP/1.0\r\n\r\n", "-tls1_3", "-CAfile", ca,
                "-verify_return_error", "-cert", cert, "-key", key, "-ign_eof");
        assertThat(t13.output()).contains("Verify return code: 0 (ok)").contains("TLSv1.3")
                .contains("\"protocol\":\"TLSv1.3\"").contains("\"clientCertificate\":true");
        for (String suite : List.of("ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384",
                "ECDHE-ECDSA-CHACHA20-POLY1305")) {
            OpenSslClient.Run t12 = OpenSslClient.sClient(s.port(), "GET / HTTP/1.0\r\n\r\n", "-tls1_2", "-cipher", suite,
                    "-CAfile", ca, "-verify_return_error", "-cert", cert, "-key", key, "-ign_eof");
            assertThat(t12.output()).as(suite).contains("Verify return code: 0 (ok)")
                    .contains("Cipher is " + suite).contains("\"protocol\":\"TLSv1.2\"");
        }
    }

    @ParameterizedTest
    @EnumSource(TlsEngine.class)
    void opensslOldVersionsAndWeakSuitesFail(TlsEngine engine) throws Exception {
        PolicyServer s = server(engine);
        for (String v : List.of("-tls1", "-tls1_1")) {
            OpenSslClient.Run r = OpenSslClient.sClient(s.port(), "", v, "-cipher", "DEFAULT:@SECLEVEL=0");
            assertThat(r.exitCode()).isNotZero();
            assertThat(r.output()).as(v).contains("alert protocol version");
        }
        for (String suite : List.of("ECDHE-ECDSA-AES128-SHA", "AES128-SHA", "AES128-GCM-SHA256")) {
            OpenSslClient.Run r = OpenSslClient.sClient(s.port(), "", "-tls1_2", "-cipher", suite);
            assertThat(r.exitCode()).as(suite).isNotZero();
            assertThat(r.output()).as(suite).doesNotContain("Cipher is " + suite);
        }
    }

    @ParameterizedTest
    @EnumSource(TlsEngine.class)
    void clientInitiatedRenegotiationIsRefused(TlsEngine engine) throws Exception {
        PolicyServer s = server(engine);
        // s_client runs its "R" (renegotiate) command only without -ign_eof
        OpenSslClient.Run r = OpenSslClient.sClient(s.port(), "R\n", 10_000, "-tls1_2", "-CAfile", s.dir.resolve("ca.crt").toString(),
                "-cert", s.dir.resolve("client.crt").toString(), "-key", s.dir.resolve("client.key").toString());
        assertThat(r.output()).contains("New, TLSv1.2").contains("RENEGOTIATING");
        assertThat(r.output().substring(r.output().indexOf("RENEGOTIATING"))).containsAnyOf("alert", "error");
    }

    @ParameterizedTest
    @EnumSource(TlsEngine.class)
    void contextsAreBuiltOncePerServerNotPerConnection(TlsEngine engine) throws Exception {
        PolicyServer s = server(engine);
        exchange(s.port(), clientHello(TLS_1_0, TLS_1_2, new int[] {ECDHE_ECDSA_AES128_GCM}, null));
        long before = PolicySslContextFactory.BUILT.get();
        for (int i = 0; i < 5; i++) {
            exchange(s.port(), clientHello(TLS_1_0, TLS_1_2, new int[] {ECDHE_ECDSA_AES128_GCM}, null));
        }
        assertThat(PolicySslContextFactory.BUILT.get()).isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(TlsEngine.class)
    void vertxClientBuiltFromThePolicyNegotiatesTls13WithItsCertificate(TlsEngine engine) throws Exception {
        PolicyServer s = server(engine);
        JsonObject answer = get(s, TlsPolicy.TLS12_PLUS, engine);
        assertThat(answer.getString("protocol")).isEqualTo("TLSv1.3");
        assertThat(answer.getBoolean("clientCertificate")).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = "BORINGSSL")
    void boringSslServerOffersTheHybridPostQuantumGroupAndOnlyPolicyGroups(TlsEngine engine) throws Exception {
        PolicyServer s = server(engine);
        TlsPolicy pqOnly = new TlsPolicy("PQ_ONLY", TlsPolicy.TLS12_PLUS.versions(), TlsPolicy.TLS12_PLUS.tls13Suites(),
                TlsPolicy.TLS12_PLUS.tls12Suites(), List.of(NamedGroup.X25519_MLKEM768));
        assertThat(get(s, pqOnly, engine).getString("protocol")).isEqualTo("TLSv1.3");
        OpenSslClient.Run p521 = OpenSslClient.sClient(s.port(), "", "-groups", "P-521");
        assertThat(p521.exitCode()).as("P-521 is not in the policy").isNotZero();
        OpenSslClient.Run p384 = OpenSslClient.sClient(s.port(), "", "-groups", "P-384", "-CAfile",
                s.dir.resolve("ca.crt").toString());
        assertThat(p384.output()).contains("Verify return code: 0 (ok)");
    }

    private static JsonObject get(PolicyServer s, TlsPolicy policy, TlsEngine engine) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            var options = VertxTls.clientOptions(policy, engine,
                    new PemKeyCertOptions().setCertPath(s.dir.resolve("client.crt").toString())
                            .setKeyPath(s.dir.resolve("client.key").toString()),
                    new PemTrustOptions().addCertPath(s.dir.resolve("ca.crt").toString()));
            HttpClientAgent client = vertx.createHttpClient(options);
            String body = client.request(io.vertx.core.http.HttpMethod.GET, s.port(), "127.0.0.1", "/")
                    .compose(req -> req.send().compose(resp -> resp.body()))
                    .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS).toString();
            client.close();
            return new JsonObject(body);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
