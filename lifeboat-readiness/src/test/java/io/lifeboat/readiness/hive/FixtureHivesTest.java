package io.lifeboat.readiness.hive;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.readiness.reg.RegFileWriter;
import io.lifeboat.readiness.registry.KeyPath;
import io.lifeboat.readiness.registry.MutableRegistry;
import io.lifeboat.readiness.registry.RegKey;
import io.lifeboat.readiness.registry.RegValue;
import io.lifeboat.readiness.registry.RegistryDump;
import io.lifeboat.readiness.registry.RegistryEdit;
import io.lifeboat.readiness.registry.ValueType;
import io.lifeboat.readiness.report.Readiness;
import io.lifeboat.readiness.report.ReadinessReport;
import io.lifeboat.readiness.testkit.Fixtures;
import io.lifeboat.readiness.testkit.HiveWriter;
import io.lifeboat.readiness.testkit.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed hive fixtures (fixtures/hives/NAME/SYSTEM|SOFTWARE with a sidecar NAME.txt dump):
 * rebuilt from their .reg sources they are byte-identical, their sidecar is what the parser reads,
 * hivexget (an independent parser) reads the same values, and their verdicts are as named.
 * Regenerate with -Dlifeboat.regenerate=src/test/resources/fixtures/hives.
 */
class FixtureHivesTest {
    /** Fixture name to the .reg fixtures it is built from, in merge order. */
    static final Map<String, List<String>> SOURCES = Map.of(
            "win2008r2-not-ready", List.of("os/win2008r2.reg", "scenarios/dotnet-v4-wow-missing.reg",
                    "scenarios/cipher-cbc-only.reg", "scenarios/tls12-client-disabled.reg"),
            "win2019-ready", List.of("os/win2019.reg", "scenarios/tls12-enabled.reg", "scenarios/dotnet-all-set.reg",
                    "scenarios/winhttp-tls12.reg", "scenarios/legacy-disabled.reg"));

    @TempDir
    Path tmp;

    static MutableRegistry source(String name) {
        MutableRegistry reg = name.equals("special") ? special() : Fixtures.merged(SOURCES.get(name));
        return reg;
    }

    /** Names and data that exercise the parser: UTF-16 and Latin-1 names, a NUL in a name, big data. */
    static MutableRegistry special() {
        MutableRegistry reg = new MutableRegistry("special");
        KeyPath base = KeyPath.hklm("SOFTWARE\\Lifeboat");
        byte[] big = new byte[40000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31 + 7);
        }
        reg.applyAll(List.of(
                new RegistryEdit.SetValue(base.child("asdf_äöüß"), RegValue.dword("asdf_äöüß", 0x1234)),
                new RegistryEdit.SetValue(base.child("weird™"), RegValue.string("symbols $£₤₧€", "€uro")),
                new RegistryEdit.SetValue(base.child("zero\0key"), RegValue.dword("zero\0val", 0)),
                new RegistryEdit.SetValue(base, new RegValue("big", ValueType.REG_BINARY.id(), big)),
                new RegistryEdit.SetValue(base, RegValue.multiString("multi", List.of("one", "two"))),
                new RegistryEdit.SetValue(base, RegValue.qword("q", 0x0102030405060708L)),
                new RegistryEdit.SetValue(base, new RegValue("", ValueType.REG_SZ.id(), "default\0".getBytes(StandardCharsets.UTF_16LE)))));
        return reg;
    }

    static List<String> names() {
        List<String> n = new ArrayList<>(SOURCES.keySet());
        n.add("special");
        return n.stream().sorted().toList();
    }

    static byte[] build(String name, String hive) {
        MutableRegistry reg = source(name);
        return hive.equals("SYSTEM") ? Fixtures.systemHive(reg) : Fixtures.softwareHive(reg).orElseThrow();
    }

    static List<String> hives(String name) {
        return name.equals("special") ? List.of("SOFTWARE") : List.of("SYSTEM", "SOFTWARE");
    }

    static String dump(Hive h) {
        return "; " + h.source() + ": " + (h.dirty() ? "dirty" : "clean") + " hive, written by the test HiveWriter\n"
                + RegistryDump.dump(h.root(), h.source());
    }

    @Test
    void committedHivesAreReproducibleAndTheirSidecarsTellTheTruth() throws IOException {
        String regen = System.getProperty("lifeboat.regenerate");
        for (String name : names()) {
            for (String hive : hives(name)) {
                byte[] built = build(name, hive);
                String resource = "hives/" + name + "/" + hive;
                if (regen != null) {
                    Path dir = Files.createDirectories(Path.of(regen, name));
                    Files.write(dir.resolve(hive), built);
                    Files.writeString(dir.resolve(hive + ".txt"), dump(Hive.parse(hive, built)));
                    continue;
                }
                byte[] committed = Fixtures.bytes(resource);
                assertThat(Arrays.equals(committed, built)).as(resource + " rebuilt from its sources").isTrue();
                String sidecar = new String(Fixtures.bytes(resource + ".txt"), StandardCharsets.UTF_8);
                assertThat(dump(Hive.parse(hive, committed))).as(resource + ".txt").isEqualTo(sidecar);
            }
        }
    }

    @Test
    void hivexReadsTheSameValuesAsWeDo() throws IOException {
        Tools.require("hivexget");
        int compared = 0;
        for (String name : names()) {
            for (String hive : hives(name)) {
                Path file = tmp.resolve(name + "-" + hive);
                Files.write(file, Fixtures.bytes("hives/" + name + "/" + hive));
                Hive h = Hive.parse(hive, Files.readAllBytes(file));
                compared += compareTree(file, h.root(), "");
            }
        }
        assertThat(compared).isGreaterThan(60);
    }

    /** For every key whose name hivexget can address, its value listing must equal ours. */
    private int compareTree(Path file, RegKey key, String path) throws IOException {
        int n = 0;
        if (!path.contains("\0") && !key.values().isEmpty()) {
            List<String> ours = new ArrayList<>();
            for (RegValue v : key.values()) {
                if (v.name().contains("\0")) {
                    continue;
                }
                ours.add(RegFileWriter.line(new RegistryEdit.SetValue(KeyPath.hklm("X"), v)).replace("\r\n", ""));
            }
            List<String> theirs = hivexget(file, path.isEmpty() ? "\\" : path);
            assertThat(theirs).as("hivexget " + file.getFileName() + " " + path).containsExactlyInAnyOrderElementsOf(ours);
            n += ours.size();
        }
        for (String child : key.subkeyNames()) {
            n += compareTree(file, key.subkey(child).orElseThrow(), path.isEmpty() ? child : path + "\\" + child);
        }
        return n;
    }

    private static List<String> hivexget(Path file, String key) throws IOException {
        Process p = new ProcessBuilder("hivexget", file.toString(), key).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            assertThat(p.waitFor()).as("hivexget " + key + ": " + out).isZero();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        // hivexget wraps long hex values over lines ending in a backslash, as regedit does
        String joined = out.replace("\\\n  ", "");
        return joined.lines().filter(l -> !l.isBlank()).map(FixtureHivesTest::normalise).toList();
    }

    /** hivexget's spelling to regedit's: "@" for the default value, hex(3) as hex, hex(N) type in hexadecimal. */
    static String normalise(String line) {
        String l = line.startsWith("\"@\"=") ? "@=" + line.substring(4) : line;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("=hex\\((\\d+)\\):").matcher(l);
        if (m.find()) {
            int type = Integer.parseInt(m.group(1));
            l = l.substring(0, m.start()) + (type == 3 ? "=hex:" : String.format("=hex(%x):", type)) + l.substring(m.end());
        }
        return l;
    }

    @Test
    void theNamedVerdictsHold() {
        ReadinessReport notReady = Readiness.check(HiveView.of(Hive.parse("SYSTEM",
                Fixtures.bytes("hives/win2008r2-not-ready/SYSTEM")), Hive.parse("SOFTWARE",
                Fixtures.bytes("hives/win2008r2-not-ready/SOFTWARE"))), List.of());
        assertThat(notReady.ready()).isFalse();
        assertThat(notReady.os().name()).isEqualTo("Windows Server 2008 R2 Standard (build 7601) Service Pack 1");
        ReadinessReport ready = Readiness.check(HiveView.of(Hive.parse("SYSTEM",
                Fixtures.bytes("hives/win2019-ready/SYSTEM")), Hive.parse("SOFTWARE",
                Fixtures.bytes("hives/win2019-ready/SOFTWARE"))), List.of());
        assertThat(ready.ready()).isTrue();
        Hive special = Hive.parse("SOFTWARE", Fixtures.bytes("hives/special/SOFTWARE"));
        RegKey lifeboat = special.root().subkey("LIFEBOAT").orElseThrow();
        assertThat(lifeboat.value("BIG").orElseThrow().data()).hasSize(40000);
        assertThat(lifeboat.subkey("ASDF_ÄÖÜSS")).isEmpty(); // Windows folds per character: ß has no one-char upper case
        assertThat(lifeboat.subkey("ASDF_ÄÖÜß")).isPresent();
        assertThat(lifeboat.subkey("WEIRD™").flatMap(k -> k.value("symbols $£₤₧€")).flatMap(RegValue::asString)).contains("€uro");
    }
}
