package io.lifeboat.readiness.rules;

/**
 * What a verdict rests on: a registry value as seen, or the default assumed because it is absent.
 *
 * @param key     full key path
 * @param value   value name ("" for a key's existence)
 * @param seen    the value as read ("REG_DWORD 0x00000001 (1)"), or "absent"
 * @param assumed the default taken when absent ("" when the value was seen)
 */
public record Evidence(String key, String value, String seen, String assumed) {
    public static final String ABSENT = "absent";

    @Override
    public String toString() {
        return key + (value.isEmpty() ? "" : " \"" + value + "\"") + " = " + seen
                + (assumed.isEmpty() ? "" : " (default assumed: " + assumed + ")");
    }
}
