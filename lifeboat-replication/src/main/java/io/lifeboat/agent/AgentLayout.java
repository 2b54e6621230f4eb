package io.lifeboat.agent;

import java.nio.file.Path;

/**
 * The files of an agent folder {@code A}:
 * <pre>
 *   A/machine.crt   the machine's client certificate (PEM), issued by the vault's CA
 *   A/machine.key   its private key (PKCS#8 PEM, 0600), made here and never sent anywhere
 *   A/ca.crt        the vault's CA certificate, pinned at enrolment by the token's hash
 *   A/agent.json    {@link AgentConfig}: the vault's address and the machine name
 *   A/nodes.json    {@link VaultNodes}: every vault node in front of the vault's store, learnt at
 *                   enrolment and on every pass; the agent moves between them ({@link NodeRoute})
 *   A/fingerprint.key the secret that keys the agent's block fingerprints (0600, made on first
 *                   protect; {@link io.lifeboat.agent.protect.FingerprintKey})
 *   A/known-blocks/ per protected source, the fingerprints and ids of its last point's blocks
 *                   ({@link io.lifeboat.agent.protect.KnownBlocksStore}); safe to delete
 * </pre>
 */
public record AgentLayout(Path dir) {

    public AgentLayout {
        dir = dir.toAbsolutePath().normalize();
    }

    public Path machineCertificate() {
        return dir.resolve("machine.crt");
    }

    public Path machineKey() {
        return dir.resolve("machine.key");
    }

    public Path caCertificate() {
        return dir.resolve("ca.crt");
    }

    public Path config() {
        return dir.resolve("agent.json");
    }

    public Path nodes() {
        return dir.resolve("nodes.json");
    }

    public Path fingerprintKey() {
        return dir.resolve("fingerprint.key");
    }

    public Path knownBlocks() {
        return dir.resolve("known-blocks");
    }
}
