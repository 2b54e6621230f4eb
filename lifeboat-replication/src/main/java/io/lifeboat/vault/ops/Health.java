package io.lifeboat.vault.ops;

/** A source's or machine's health, worst last within the RPO states; {@link #id} is the wire name. */
public enum Health {
    OK("ok"),
    WARNING("warning"),
    CRITICAL("critical"),
    NEVER_PROTECTED("never-protected"),
    REVOKED("revoked");

    private final String id;

    Health(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The numeric value of the {@code lifeboat_source_health} gauge (0 ok .. 4 revoked). */
    public int code() {
        return ordinal();
    }

    /** The worse of two RPO healths (ok &lt; warning &lt; critical). */
    public static Health worse(Health a, Health b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }
}
