package io.lifeboat.vault.events;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of event the vault records; {@link #id} is the stable wire name in the log and in webhooks. */
public enum EventType {
    ENROLLED("enrolled"),
    RENEWED("renewed"),
    REVOKED("revoked"),
    POINT("point"),
    UPLOAD_FAILED("upload-failed"),
    LEGACY_CLIENT_REFUSED("legacy-client-refused"),
    HANDSHAKE_FAILED("handshake-failed"),
    RPO_OK("rpo-ok"),
    RPO_WARNING("rpo-warning"),
    RPO_CRITICAL("rpo-critical"),
    VERIFY("verify"),
    PRUNE("prune");

    private final String id;

    EventType(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<EventType> fromId(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
    }

    /** The events that are sent to webhooks besides being logged. */
    public boolean alert() {
        return this == RPO_OK || this == RPO_WARNING || this == RPO_CRITICAL || this == LEGACY_CLIENT_REFUSED;
    }
}
