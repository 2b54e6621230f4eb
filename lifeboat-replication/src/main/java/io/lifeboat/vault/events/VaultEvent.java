package io.lifeboat.vault.events;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One thing that happened, as logged and as POSTed to webhooks.
 *
 * @param time    when the vault saw it
 * @param type    what it was
 * @param machine the machine it concerns, or null (a refused client has no machine)
 * @param message one line for a person
 * @param detail  fields for programs (string values, in a stable order)
 */
public record VaultEvent(Instant time, EventType type, String machine, String message, Map<String, String> detail) {

    public VaultEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(type, "type");
        message = message == null ? "" : message;
        detail = Map.copyOf(detail);
    }

    public static VaultEvent of(Instant time, EventType type, String machine, String message, String... keyValues) {
        Map<String, String> d = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                d.put(keyValues[i], keyValues[i + 1]);
            }
        }
        return new VaultEvent(time, type, machine, message, d);
    }

    /** The JSON shape of the log line and of a webhook body: {@code time, type, machine, message} then the details. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", time.toString());
        m.put("type", type.id());
        if (machine != null) {
            m.put("machine", machine);
        }
        m.put("message", message);
        new java.util.TreeMap<>(detail).forEach(m::putIfAbsent);
        return m;
    }

    /** Reads a log line's object back; unknown types are refused by the caller. */
    static VaultEvent fromJson(Map<String, Object> m) {
        EventType type = EventType.fromId(String.valueOf(m.get("type")))
                .orElseThrow(() -> new IllegalArgumentException("unknown event type " + m.get("type")));
        Map<String, String> d = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (!k.equals("time") && !k.equals("type") && !k.equals("machine") && !k.equals("message") && v != null) {
                d.put(k, String.valueOf(v));
            }
        });
        Object machine = m.get("machine");
        return new VaultEvent(Instant.parse(String.valueOf(m.get("time"))), type,
                machine == null ? null : machine.toString(), String.valueOf(m.getOrDefault("message", "")), d);
    }
}
