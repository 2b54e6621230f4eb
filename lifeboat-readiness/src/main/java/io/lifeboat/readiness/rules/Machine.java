package io.lifeboat.readiness.rules;

import io.lifeboat.readiness.registry.KeyPath;
import io.lifeboat.readiness.registry.RegValue;
import io.lifeboat.readiness.registry.RegistryView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What rules evaluate: a registry view and the OS detected in it, with evidence-making readers. */
public record Machine(RegistryView view, OsInfo os) {

    public static Machine of(RegistryView view) {
        return new Machine(view, OsInfo.detect(view));
    }

    /**
     * True when the input holds any of {@code HKLM\<hive>} (SYSTEM, SOFTWARE). A rule whose hive is
     * missing altogether (a SYSTEM hive given alone) says UNKNOWN rather than judge absent values.
     */
    public boolean has(String hive) {
        return view.key(KeyPath.hklm(hive)).isPresent();
    }

    public Optional<RegValue> value(KeyPath key, String name) {
        return view.value(key, name);
    }

    public Optional<Integer> dword(KeyPath key, String name) {
        return value(key, name).flatMap(RegValue::asDword);
    }

    /** Evidence for a value: as seen, or absent with the default assumed. */
    public Evidence evidence(KeyPath key, String name, String assumedWhenAbsent) {
        Optional<RegValue> v = value(key, name);
        return v.map(x -> new Evidence(key.toString(), name, x.display(), ""))
                .orElseGet(() -> new Evidence(key.toString(), name, Evidence.ABSENT, assumedWhenAbsent));
    }

    /** The SOFTWARE roots to check: the 64-bit view, and WOW6432Node unless the OS is known to be 32-bit. */
    public List<SoftwareView> softwareViews() {
        List<SoftwareView> views = new ArrayList<>();
        views.add(new SoftwareView("64-bit", "SOFTWARE\\"));
        if (os.has32BitView()) {
            views.add(new SoftwareView("32-bit (WOW6432Node)", "SOFTWARE\\WOW6432Node\\"));
        }
        return views;
    }

    /** One registry view of SOFTWARE: a label and the prefix under HKLM. */
    public record SoftwareView(String label, String prefix) {
        public KeyPath key(String relativeToSoftware) {
            return KeyPath.hklm(prefix + relativeToSoftware);
        }
    }
}
