package io.lifeboat.tls.wire;

import java.util.Optional;

/** SSL 2.0's three-byte cipher kinds (draft-hickman-netscape-ssl-00, appendix C). */
public enum Ssl2CipherKind {
    SSL_CK_RC4_128_WITH_MD5(0x010080),
    SSL_CK_RC4_128_EXPORT40_WITH_MD5(0x020080),
    SSL_CK_RC2_128_CBC_WITH_MD5(0x030080),
    SSL_CK_RC2_128_CBC_EXPORT40_WITH_MD5(0x040080),
    SSL_CK_IDEA_128_CBC_WITH_MD5(0x050080),
    SSL_CK_DES_64_CBC_WITH_MD5(0x060040),
    SSL_CK_DES_192_EDE3_CBC_WITH_MD5(0x0700C0);

    private final int id;

    Ssl2CipherKind(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    public static Optional<Ssl2CipherKind> fromId(int id) {
        for (Ssl2CipherKind k : values()) {
            if (k.id == id) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
