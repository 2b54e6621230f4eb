package io.lifeboat.scan.wire;

/** A TLS alert: level 1 warning, 2 fatal; description per {@link AlertDescription}. */
public record Alert(int level, int description) {

    public static Alert parse(WireReader r) {
        int level = r.u8("alert level");
        int description = r.u8("alert description");
        return new Alert(level, description);
    }

    public boolean fatal() {
        return level == 2;
    }

    public String descriptionName() {
        return AlertDescription.nameOf(description);
    }

    @Override
    public String toString() {
        return (fatal() ? "fatal " : level == 1 ? "warning " : "level " + level + " ") + descriptionName();
    }
}
