package io.lifeboat.readiness.rules;

import io.lifeboat.readiness.registry.RegistryEdit;
import java.util.List;

/**
 * How to put a result right: registry edits (written to the --fix .reg file) and/or an action a
 * person must take (install an update, upgrade the OS). Never applied by Lifeboat itself.
 */
public record Fix(List<RegistryEdit> edits, String action) {
    public static final Fix NONE = new Fix(List.of(), "");

    public Fix {
        edits = List.copyOf(edits);
    }

    public static Fix edits(List<RegistryEdit> edits, String action) {
        return new Fix(edits, action);
    }

    public static Fix action(String action) {
        return new Fix(List.of(), action);
    }

    public boolean isEmpty() {
        return edits.isEmpty() && action.isEmpty();
    }
}
