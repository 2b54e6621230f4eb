package io.lifeboat.tls.diagnosis;

/** Where the trust anchors that judged the server's chain came from. */
public enum AnchorSource {
    /** The vault CA pinned in an agent directory ({@code ca.crt}). */
    VAULT_CA,
    /** A CA file the user named. */
    GIVEN_CA,
    /** The platform's trust store. */
    SYSTEM;

    /** True when one specific CA is expected, so another CA with the right name means interception. */
    public boolean pinned() {
        return this != SYSTEM;
    }
}
