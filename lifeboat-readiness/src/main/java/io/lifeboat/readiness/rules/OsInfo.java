package io.lifeboat.readiness.rules;

import io.lifeboat.readiness.registry.KeyPath;
import io.lifeboat.readiness.registry.RegKey;
import io.lifeboat.readiness.registry.RegValue;
import io.lifeboat.readiness.registry.RegistryView;
import java.util.Locale;
import java.util.Optional;

/**
 * The Windows version, read from {@code SOFTWARE\Microsoft\Windows NT\CurrentVersion}.
 * {@code CurrentVersion} says "6.3" on Windows 10 and 11 (frozen for compatibility), so
 * {@code CurrentMajorVersionNumber} decides when present, and {@code CurrentBuildNumber} tells
 * Windows 11 (build 22000+) from 10, whose {@code ProductName} still says "Windows 10".
 *
 * @param name     a display name ("Windows Server 2008 R2 Enterprise", "Windows 11 Pro (build 22631)")
 * @param version  "6.1", "10.0", ... ("" when unknown)
 * @param build    CurrentBuildNumber ("" when absent)
 * @param servicePack CSDVersion ("" when absent)
 * @param server   true for server editions
 * @param arch     "x64", "x86" or "" (unknown)
 */
public record OsInfo(OsFamily family, String name, String version, String build, String servicePack,
        boolean server, String arch) {

    static final KeyPath CURRENT_VERSION = KeyPath.hklm("SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion");

    public static OsInfo unknown(String arch) {
        return new OsInfo(OsFamily.UNKNOWN, "unknown (no SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion)", "", "", "",
                false, arch);
    }

    public static OsInfo detect(RegistryView view) {
        String arch = arch(view);
        Optional<RegKey> cv = view.key(CURRENT_VERSION);
        if (cv.isEmpty()) {
            return unknown(arch);
        }
        RegKey k = cv.get();
        String product = str(k, "ProductName");
        String currentVersion = str(k, "CurrentVersion");
        String build = str(k, "CurrentBuildNumber");
        String sp = str(k, "CSDVersion");
        Optional<Integer> major = k.value("CurrentMajorVersionNumber").flatMap(RegValue::asDword);
        Optional<Integer> minor = k.value("CurrentMinorVersionNumber").flatMap(RegValue::asDword);
        boolean server = product.toLowerCase(Locale.ROOT).contains("server")
                || str(k, "InstallationType").toLowerCase(Locale.ROOT).startsWith("server");
        String version = major.map(m -> m + "." + minor.orElse(0)).orElse(currentVersion);
        int buildNo = parseInt(build);
        OsFamily family = family(version, buildNo, sp, product, server);
        String name = product.isEmpty() ? family.label() : product;
        if (major.orElse(0) >= 10 && !server && buildNo >= 22000 && name.contains("Windows 10")) {
            name = name.replace("Windows 10", "Windows 11");
        }
        if (!build.isEmpty()) {
            name += " (build " + build + ")";
        }
        if (!sp.isEmpty()) {
            name += " " + sp;
        }
        return new OsInfo(family, name, version, build, sp, server, arch);
    }

    private static OsFamily family(String version, int build, String sp, String product, boolean server) {
        if (version.isEmpty()) {
            return OsFamily.UNKNOWN;
        }
        int dot = version.indexOf('.');
        int major = parseInt(dot < 0 ? version : version.substring(0, dot));
        int minor = dot < 0 ? 0 : parseInt(version.substring(dot + 1));
        if (major >= 10) {
            return OsFamily.WIN10_PLUS;
        }
        if (major == 6) {
            switch (minor) {
                case 3:
                    return OsFamily.WIN81_2012R2;
                case 2:
                    return OsFamily.WIN8_2012;
                case 1:
                    return OsFamily.WIN7_2008R2;
                case 0:
                    boolean sp2 = sp.contains("2") || build >= 6002;
                    return server && sp2 && !product.toLowerCase(Locale.ROOT).contains("vista")
                            ? OsFamily.WIN2008_SP2 : OsFamily.UNSUPPORTED;
                default:
                    return OsFamily.UNKNOWN;
            }
        }
        return major > 0 && major < 6 ? OsFamily.UNSUPPORTED : OsFamily.UNKNOWN;
    }

    /**
     * x64 / x86 from PROCESSOR_ARCHITECTURE, else x64 when WOW6432Node exists; "" when neither tells
     * (a partial export): then both views are checked, which is right for every 64-bit machine.
     */
    private static String arch(RegistryView view) {
        Optional<String> pa = view.value(KeyPath.hklm(
                "SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment"), "PROCESSOR_ARCHITECTURE")
                .flatMap(RegValue::asString);
        if (pa.isPresent()) {
            return pa.get().equalsIgnoreCase("x86") ? "x86" : "x64";
        }
        if (view.key(KeyPath.hklm("SOFTWARE\\WOW6432Node")).isPresent()) {
            return "x64";
        }
        return "";
    }

    private static String str(RegKey k, String name) {
        return k.value(name).flatMap(RegValue::asString).orElse("").strip();
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * TLS 1.3 on by default in SCHANNEL: Windows 11 and Server 2022 on (build 20348 and later); Windows 10
     * and earlier have none.
     */
    public boolean hasTls13() {
        return family == OsFamily.WIN10_PLUS && parseInt(build) >= 20348;
    }

    /** True unless the machine is known to be 32-bit (then there is no WOW6432Node view). */
    public boolean has32BitView() {
        return !arch.equals("x86");
    }
}
