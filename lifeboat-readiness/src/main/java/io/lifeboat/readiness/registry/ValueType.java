package io.lifeboat.readiness.registry;

import java.util.Optional;

/** Registry value types with their on-disk ids (winnt.h), as hives and {@code hex(n):} store them. */
public enum ValueType {
    REG_NONE(0),
    REG_SZ(1),
    REG_EXPAND_SZ(2),
    REG_BINARY(3),
    REG_DWORD(4),
    REG_DWORD_BIG_ENDIAN(5),
    REG_LINK(6),
    REG_MULTI_SZ(7),
    REG_RESOURCE_LIST(8),
    REG_FULL_RESOURCE_DESCRIPTOR(9),
    REG_RESOURCE_REQUIREMENTS_LIST(10),
    REG_QWORD(11);

    private final int id;

    ValueType(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    public static Optional<ValueType> fromId(int id) {
        for (ValueType t : values()) {
            if (t.id == id) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** "REG_DWORD", or "type 0x20" for a type id Windows does not name. */
    public static String describe(int id) {
        return fromId(id).map(Enum::name).orElse(String.format("type 0x%x", id));
    }
}
