package io.lifeboat.repository.hashing;

import jdk.incubator.vector.IntVector;

/**
 * Isolates the one question "how wide are vectors here?" in its own class, so that
 * {@link MultiBlockSha256} itself never references jdk.incubator.vector and can always
 * be loaded. Only load this after confirming the module is in the boot layer.
 */
final class VectorProbe {
    private VectorProbe() {}

    /**
     * Bit size of the preferred int species: what C2 will actually use for vectors on this
     * CPU/JVM (512 with AVX-512 and UseAVX=3, 256 with AVX2 or -XX:UseAVX=2 or
     * -XX:MaxVectorSize=32, ...). Species wider than this still "work" but run the
     * pure-Java fallback and are orders of magnitude slower than MessageDigest.
     */
    static int preferredIntBits() {
        return IntVector.SPECIES_PREFERRED.vectorBitSize();
    }
}
