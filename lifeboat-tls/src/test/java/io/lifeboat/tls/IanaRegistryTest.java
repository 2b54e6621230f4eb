package io.lifeboat.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The registries are the IANA registries: every assigned code point of the checked-in copies of
 * tls-parameters-4 (cipher suites), tls-parameters-8 (supported groups) and tls-signaturescheme
 * (src/test/resources/iana/, as IANA publishes them) is in the enum, under its registry name. A new
 * copy of a CSV that assigns more makes this fail until the enum catches up.
 */
class IanaRegistryTest {
    /** Signalling values, not suites: the wire codec has them as constants. */
    private static final Set<String> NOT_SUITES = Set.of("TLS_EMPTY_RENEGOTIATION_INFO_SCSV", "TLS_FALLBACK_SCSV");

    @Test
    void everyAssignedCipherSuiteIsInTheEnumWithItsName() throws IOException {
        Map<Integer, String> assigned = assigned("tls-parameters-4.csv",
                Pattern.compile("0x([0-9A-F]{2}),0x([0-9A-F]{2})"));
        assertThat(assigned).hasSizeGreaterThan(340);
        List<String> wrong = new ArrayList<>();
        assigned.forEach((id, name) -> {
            if (NOT_SUITES.contains(name)) {
                return;
            }
            String have = CipherSuite.fromId(id).map(CipherSuite::ianaName).orElse("(missing)");
            if (!have.equals(name) && CipherSuite.fromName(name).map(s -> s.id() != id).orElse(true)) {
                wrong.add(String.format("0x%04X %s: enum has %s", id, name, have));
            }
        });
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyAssignedGroupIsInTheEnumWithItsName() throws IOException {
        Map<Integer, String> assigned = assigned("tls-parameters-8.csv", Pattern.compile("([0-9]+)"));
        assertThat(assigned).hasSizeGreaterThan(50);
        List<String> wrong = new ArrayList<>();
        assigned.forEach((id, name) -> {
            String have = NamedGroup.fromWireId(id).map(NamedGroup::standardName).orElse("(missing)");
            if (!have.equals(name)) {
                wrong.add(id + " " + name + ": enum has " + have);
            }
        });
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyAssignedSignatureSchemeIsInTheEnumWithItsName() throws IOException {
        Map<Integer, String> assigned = assigned("tls-signaturescheme.csv", Pattern.compile("0x([0-9A-F]{4})"));
        assertThat(assigned).hasSizeGreaterThan(35);
        List<String> wrong = new ArrayList<>();
        assigned.forEach((id, name) -> {
            String have = SignatureScheme.fromWireId(id).map(SignatureScheme::standardName).orElse("(missing)");
            if (!have.equals(name)) {
                wrong.add(String.format("0x%04X %s: enum has %s", id, name, have));
            }
        });
        assertThat(wrong).isEmpty();
    }

    @Test
    void theTls13SuitesOfTheRegistryAreTls13OnlyInTheEnum() {
        for (int id : List.of(0x1301, 0x1302, 0x1303, 0x1304, 0x1305, 0x1306, 0x1307, 0x00C6, 0x00C7, 0xC0B4, 0xC0B5,
                0xC103, 0xC104, 0xC105, 0xC106)) {
            assertThat(CipherSuite.fromId(id).orElseThrow().tls13()).as("0x%04X", id).isTrue();
        }
        assertThat(CipherSuite.fromId(0xC100).orElseThrow().usableWith(ProtocolVersion.TLS_1_2)).isTrue();
    }

    /**
     * Single assigned values of a registry CSV (first column the value, second the description); ranges,
     * "Unassigned", "Reserved ..." and "Reserved for Private Use" rows are not assignments. A trailing
     * " (OBSOLETE)" is IANA's remark, not part of the name.
     */
    private static Map<Integer, String> assigned(String file, Pattern value) throws IOException {
        String text;
        try (InputStream in = IanaRegistryTest.class.getResourceAsStream("/iana/" + file)) {
            assertThat(in).as(file).isNotNull();
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<Integer, String> out = new LinkedHashMap<>();
        for (List<String> row : csv(text).subList(1, csv(text).size())) {
            Matcher m = value.matcher(row.get(0));
            String name = row.get(1).trim().replace(" (OBSOLETE)", "");
            if (!m.matches() || name.startsWith("Unassigned") || name.startsWith("Reserved")) {
                continue;
            }
            StringBuilder hex = new StringBuilder();
            for (int g = 1; g <= m.groupCount(); g++) {
                hex.append(m.group(g));
            }
            out.put(m.groupCount() == 1 && !row.get(0).startsWith("0x")
                    ? Integer.parseInt(hex.toString()) : Integer.parseInt(hex.toString(), 16), name);
        }
        return out;
    }

    /** RFC 4180 rows: quoted fields may hold commas and line breaks. */
    private static List<List<String>> csv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(field.toString());
                field.setLength(0);
                if (row.size() > 1) {
                    rows.add(row);
                }
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (!field.isEmpty() || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
