package io.lifeboat.readiness.rules;

import io.lifeboat.readiness.registry.KeyPath;
import io.lifeboat.readiness.registry.RegKey;
import io.lifeboat.readiness.registry.RegValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether the update TLS 1.2 needs on this OS ({@link OsFamily#requiredUpdate()}) is installed, from the
 * Component Based Servicing package records ({@code Package_for_KBnnnnnnn~...}, CurrentState 0x70 =
 * installed). Shared by os-update (which fails without it) and the WinHTTP rule (whose value does
 * nothing without it).
 *
 * @param state    what the records say
 * @param kb       the update looked for ("" when the OS needs none)
 * @param evidence the package keys seen, or the absent Packages key
 */
record UpdateRecord(State state, String kb, List<Evidence> evidence) {
    static final KeyPath PACKAGES = KeyPath.hklm(
            "SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing\\Packages");
    static final int INSTALLED = 0x70;

    enum State {
        /** The OS needs no update for TLS 1.2 (or is unknown / unsupported: decided elsewhere). */
        NOT_NEEDED,
        /** A package record for the KB says installed. */
        INSTALLED,
        /** Servicing records are present and none says the KB is installed. */
        MISSING,
        /** The input holds no servicing records at all (a partial export, a SYSTEM hive alone). */
        NO_RECORDS
    }

    static UpdateRecord of(Machine m) {
        String kb = m.os().family().requiredUpdate();
        if (kb.isEmpty()) {
            return new UpdateRecord(State.NOT_NEEDED, "", List.of());
        }
        Optional<RegKey> packages = m.view().key(PACKAGES);
        if (packages.isEmpty()) {
            return new UpdateRecord(State.NO_RECORDS, kb, List.of(new Evidence(PACKAGES.toString(), "", Evidence.ABSENT,
                    "no servicing records in the input")));
        }
        List<Evidence> ev = new ArrayList<>();
        for (String name : packages.get().subkeyNames()) {
            String upper = name.toUpperCase(Locale.ROOT);
            if (upper.contains(kb + "~") || upper.contains(kb + "_")) {
                KeyPath key = PACKAGES.child(name);
                ev.add(m.evidence(key, "CurrentState", "unknown"));
                if (m.value(key, "CurrentState").flatMap(RegValue::asDword).orElse(0) == INSTALLED) {
                    return new UpdateRecord(State.INSTALLED, kb, ev);
                }
            }
        }
        ev.add(new Evidence(PACKAGES.toString(), "", "no installed package named " + kb + " among "
                + packages.get().subkeyNames().size() + " package records", ""));
        return new UpdateRecord(State.MISSING, kb, ev);
    }
}
