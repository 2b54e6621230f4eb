package io.lifeboat.tls.pki;

import io.lifeboat.tls.engine.PemIdentity;
import java.nio.file.Path;
import javax.net.ssl.X509KeyManager;

/**
 * Run by {@link PemReadingTest} in a fresh JVM: reads a TLS identity (certificate chain and key) as
 * an agent's start does, and prints its certificate's subject.
 */
public final class PemIdentityProbe {
    private PemIdentityProbe() {
    }

    public static void main(String[] args) throws Exception {
        var options = PemIdentity.of(Path.of(args[0]), Path.of(args[1]));
        var manager = (X509KeyManager) options.getKeyManagerFactory(null).getKeyManagers()[0];
        System.out.println("probe: identity read, certificate "
                + manager.getCertificateChain("identity")[0].getSubjectX500Principal().getName());
    }
}
