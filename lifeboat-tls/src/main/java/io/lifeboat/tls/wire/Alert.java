package io.lifeboat.tls.wire;

import io.lifeboat.tls.diagnosis.TlsAlert;

/** A TLS alert record's content: level 1 warning, 2 fatal; the description's names are {@link TlsAlert}'s. */
public record Alert(int level, int description) {

    public static Alert parse(WireReader r) {
        int level = r.u8("alert level");
        int description = r.u8("alert description");
        return new Alert(level, description);
    }

    /** The registry entry, when the code is a known alert. */
    public java.util.Optional<TlsAlert> known() {
        return TlsAlert.fromCode(description);
    }

    public boolean fatal() {
        return level == 2;
    }

    public String descriptionName() {
        return TlsAlert.fromCode(description).map(TlsAlert::standardName).orElse("alert_" + description);
    }

    @Override
    public String toString() {
        return (fatal() ? "fatal " : level == 1 ? "warning " : "level " + level + " ") + descriptionName();
    }
}
