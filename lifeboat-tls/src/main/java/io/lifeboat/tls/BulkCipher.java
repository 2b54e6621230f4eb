package io.lifeboat.tls;

/** The record cipher of a suite. */
public enum BulkCipher {
    NULL(false), RC2_CBC(false), RC4(false), DES_CBC(false), TRIPLE_DES_CBC(false), IDEA_CBC(false),
    SEED_CBC(false), FORTEZZA(false), GOST_CNT(false), AES_CBC(false), CAMELLIA_CBC(false), ARIA_CBC(false),
    AES_GCM(true), AES_CCM(true), AES_CCM_8(true), CAMELLIA_GCM(true), ARIA_GCM(true),
    CHACHA20_POLY1305(true), SM4_GCM(true), SM4_CCM(true), AEGIS(true),
    KUZNYECHIK_CTR(false), MAGMA_CTR(false), KUZNYECHIK_MGM(true), MAGMA_MGM(true);

    private final boolean aead;

    BulkCipher(boolean aead) {
        this.aead = aead;
    }

    /** Authenticated encryption: no separate MAC, no CBC padding oracle. */
    public boolean aead() {
        return aead;
    }
}
