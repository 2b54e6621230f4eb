/**
 * The failure classifier: what a connection attempt saw, turned into a named cause, the evidence
 * and the fix. Shared by the doctor, the agent and the vault.
 *
 * <p>The algorithm: an adapter (the doctor's {@link io.lifeboat.tls.diagnosis.probe.ConnectionProbe},
 * an agent's failed call, the vault's ClientHello peek) gathers a {@link
 * io.lifeboat.tls.diagnosis.ConnectionEvidence} value: the TCP outcome, what this client offered,
 * the first bytes and alerts the peer sent, how the stream ended, the server's chain as judged by
 * {@link io.lifeboat.tls.diagnosis.CertificateExplainer} (explanation, on the one {@code pki.ChainJudge}) and by the real trust manager
 * (decision), whether the server asked for a client certificate, the answer to {@code GET /health},
 * and the answers to the follow-up hellos. {@link io.lifeboat.tls.diagnosis.Classifier} then asks
 * the rules of {@link io.lifeboat.tls.diagnosis.rules.Rules#ALL} in order, from the transport up;
 * the first that fires names the {@link io.lifeboat.tls.diagnosis.CauseId}. No rule firing on a
 * completed link means healthy; otherwise the verdict is "unclassified" with everything seen.
 *
 * <p>Guarantees: the classifier is pure (no socket, no clock, no file), never throws for odd
 * evidence, and the cause ids are stable (part of the JSON schema and of log lines).
 *
 * <p>What it does not give: certainty where the evidence cannot give it. A reset during the
 * handshake (Windows error 10054) has several explanations; that cause comes with its likely
 * causes ranked by what the probes saw, not with one answer. {@code TLS_INSPECTION_SUSPECTED} is
 * an inference (another CA signs the right name while one CA is pinned, or the issuer names a
 * known inspection product); a server deliberately given another CA's certificate looks the same.
 */
package io.lifeboat.tls.diagnosis;
