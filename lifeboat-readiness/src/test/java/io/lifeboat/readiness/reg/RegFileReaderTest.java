package io.lifeboat.readiness.reg;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.readiness.registry.KeyPath;
import io.lifeboat.readiness.registry.MutableRegistry;
import io.lifeboat.readiness.registry.RegValue;
import io.lifeboat.readiness.registry.RegistryEdit;
import io.lifeboat.readiness.registry.ValueType;
import io.lifeboat.readiness.report.Readiness;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegFileReaderTest {
    static final String K = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Test";

    static RegFile v5(String body) {
        return RegFileReader.read(("Windows Registry Editor Version 5.00\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8), "t.reg");
    }

    @Test
    void readsEveryValueTypeAndContinuationLines() {
        RegFile f = v5("[" + K + "]\r\n"
                + "\"S\"=\"a \\\"quoted\\\" \\\\ path\"\r\n"
                + "@=\"default\"\r\n"
                + "\"D\"=dword:1\r\n"
                + "\"Q\"=hex(b):01,00,00,00,00,00,00,80\r\n"
                + "\"B\"=hex:de,ad,\\\r\n  be,ef\r\n"
                + "\"E\"=hex(2):25,00,50,00,00,00\r\n"
                + "\"M\"=hex(7):61,00,00,00,62,00,00,00,00,00\r\n"
                + "\"N\"=hex(0):\r\n");
        assertThat(f.errors()).isEmpty();
        MutableRegistry r = Readiness.merge(List.of(f), new ArrayList<>());
        KeyPath k = KeyPath.parse(K);
        assertThat(r.value(k, "s").flatMap(RegValue::asString)).contains("a \"quoted\" \\ path");
        assertThat(r.value(k, "").flatMap(RegValue::asString)).contains("default");
        assertThat(r.value(k, "D").flatMap(RegValue::asDword)).contains(1);
        assertThat(r.value(k, "Q").get().type()).isEqualTo(ValueType.REG_QWORD.id());
        assertThat(r.value(k, "B").get().data()).containsExactly(0xde, 0xad, 0xbe, 0xef);
        assertThat(r.value(k, "E").flatMap(RegValue::asString)).contains("%P");
        assertThat(r.value(k, "M").flatMap(RegValue::asStrings)).contains(List.of("a", "b"));
        assertThat(r.value(k, "N").get().data()).isEmpty();
    }

    @Test
    void aCommentLineEndingInABackslashNeverSwallowsTheNextLine() {
        // regedit skips a ';' line whole; before the fix this comment (it has an '=' and ends in '\') took
        // the Enabled line with it
        RegFile f = v5("[" + K + "]\r\n"
                + "; the export folder=C:\\exports\\\r\n"
                + "\"Enabled\"=dword:00000001\r\n"
                + "  ; indented, too: x=1 \\\r\n"
                + "\"DisabledByDefault\"=dword:00000000\r\n");
        assertThat(f.errors()).isEmpty();
        MutableRegistry r = Readiness.merge(List.of(f), new ArrayList<>());
        assertThat(r.value(KeyPath.parse(K), "Enabled").flatMap(RegValue::asDword)).contains(1);
        assertThat(r.value(KeyPath.parse(K), "DisabledByDefault").flatMap(RegValue::asDword)).contains(0);
    }

    @Test
    void deletionsApplyInFileOrderAcrossFiles() {
        RegFile first = v5("[" + K + "\\Sub]\r\n\"A\"=dword:00000001\r\n\"B\"=dword:00000002\r\n");
        RegFile second = v5("[" + K + "\\Sub]\r\n\"A\"=-\r\n[-" + K + "\\Other]\r\n");
        RegFile third = v5("[-" + K + "]\r\n[" + K + "\\Sub]\r\n\"C\"=\"x\"\r\n");
        MutableRegistry r = Readiness.merge(List.of(first, second), new ArrayList<>());
        KeyPath sub = KeyPath.parse(K + "\\Sub");
        assertThat(r.value(sub, "A")).isEmpty();
        assertThat(r.value(sub, "b").flatMap(RegValue::asDword)).contains(2);
        MutableRegistry all = Readiness.merge(List.of(first, second, third), new ArrayList<>());
        assertThat(all.value(sub, "B")).isEmpty();
        assertThat(all.value(sub, "C").flatMap(RegValue::asString)).contains("x");
    }

    @Test
    void readsUtf16WithBomAndRegedit4Ansi() {
        String body = "Windows Registry Editor Version 5.00\r\n\r\n[" + K + "]\r\n\"Näme\"=\"wert\"\r\n";
        byte[] utf16 = RegFileWriter.toBytes(body.substring(body.indexOf('\n') + 1));
        RegFile f = RegFileReader.read(RegFileWriter.toBytes(body), "u16.reg");
        assertThat(f.encoding()).isEqualTo("UTF-16LE");
        assertThat(f.errors()).isEmpty();
        assertThat(f.edits()).contains(new RegistryEdit.SetValue(KeyPath.parse(K), RegValue.string("Näme", "wert")));
        assertThat(utf16.length).isPositive();

        byte[] ansi = ("REGEDIT4\r\n\r\n[" + K + "]\r\n\"Caf\u00e9\"=hex(2):41,e9,00\r\n").getBytes(Charset.forName("windows-1252"));
        RegFile a = RegFileReader.read(ansi, "ansi.reg");
        assertThat(a.format()).isEqualTo(RegFormat.REGEDIT4);
        assertThat(a.encoding()).isEqualTo("windows-1252");
        assertThat(a.edits()).contains(new RegistryEdit.SetValue(KeyPath.parse(K),
                new RegValue("Café", 2, "Aé\0".getBytes(StandardCharsets.UTF_16LE))));
    }

    @Test
    void malformedLinesAreErrorsWithLineNumbersNeverTaken() {
        RegFile f = v5("\"Early\"=dword:1\r\n"              // line 3: before any key
                + "[" + K + "]\r\n"
                + "\"D\"=dword:0x10\r\n"                    // 5: 0x prefix
                + "\"E\"=dword:123456789\r\n"               // 6: 9 digits
                + "\"F\"=hex:1g\r\n"                        // 7: bad hex
                + "\"G\"=foo:12\r\n"                        // 8: unknown type
                + "\"H\"=\"x\" trailing\r\n"                // 9: text after quote
                + "[BOGUS\\Key]\r\n"                        // 10: unknown root
                + "\"I\"=dword:1\r\n"                       // 11: under an invalid key
                + "[" + K + "] junk\r\n"                    // 12: text after bracket
                + "\"J\"=\"unterminated\r\n"                // 13
                + "[-" + K + "\\X]\r\n\"K\"=dword:1\r\n"    // 14 fine; 15: value under a deleted key
                + "\"OK\"=dword:00000001\r\n");              // 16 ... still under deleted key: error too
        assertThat(f.errors()).extracting(RegProblem::line).containsExactly(3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15, 16);
        assertThat(f.edits()).noneMatch(e -> e instanceof RegistryEdit.SetValue);
    }
}
