package io.lifeboat.readiness.reg;

import io.lifeboat.readiness.registry.KeyPath;
import io.lifeboat.readiness.registry.RegValue;
import io.lifeboat.readiness.registry.RegistryEdit;
import io.lifeboat.readiness.registry.ValueType;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a .reg file the way regedit imports it, and says so when it cannot.
 *
 * <p>Accepted: "Windows Registry Editor Version 5.00" and "REGEDIT4"; UTF-16LE with BOM, UTF-8 (with
 * or without BOM) or ANSI (windows-1252); CRLF, LF or CR; {@code ;} comments; {@code \} continuation
 * lines; {@code [KEY]}, {@code [-KEY]}; {@code "name"=} or {@code @=} with a quoted string,
 * {@code dword:} (1 to 8 hex digits), {@code hex:}, {@code hex(N):}, or {@code -}.
 *
 * <p>Lenient, with a notice (the line is taken): a missing header line (snippets copied from web
 * pages, such as the Site Recovery one), whitespace around {@code =} and indented lines, a trailing
 * backslash in a key name, upper-case type prefixes, and {@code qword:} (not regedit syntax, but
 * unambiguous).
 *
 * <p>Errors (the line is NOT taken and {@link RegFile#requireClean()} fails with every line number):
 * unquoted value names, {@code 0x} numbers, unknown types, bad hex, text after a closing quote or
 * bracket, values before any key, unknown root keys. Regedit silently skips most of these, which is
 * why a "fix" file found on the web often does nothing; this reader never does.
 */
public final class RegFileReader {
    private RegFileReader() {
    }

    public static RegFile read(byte[] bytes, String source) {
        RegText text = RegText.decode(bytes);
        return new Parse(source, text).run();
    }

    private static final class Parse {
        private final String source;
        private final RegText text;
        private final List<RegistryEdit> edits = new ArrayList<>();
        private final List<RegProblem> errors = new ArrayList<>();
        private final List<RegProblem> notices = new ArrayList<>();
        private RegFormat format = RegFormat.NONE;
        private KeyPath current;
        private boolean currentDeleted;

        Parse(String source, RegText text) {
            this.source = source;
            this.text = text;
        }

        RegFile run() {
            boolean first = true;
            for (RegText.Line line : text.lines) {
                String t = line.text().strip();
                if (first && !t.isEmpty()) {
                    first = false;
                    String h = t.startsWith("\uFEFF") ? t.substring(1) : t;
                    if (h.equals(RegFormat.VERSION_5.header())) {
                        format = RegFormat.VERSION_5;
                        continue;
                    }
                    if (h.equals(RegFormat.REGEDIT4.header())) {
                        format = RegFormat.REGEDIT4;
                        continue;
                    }
                    notices.add(new RegProblem(line.number(),
                            "no header line (\"Windows Registry Editor Version 5.00\"): read as version 5.00;"
                                    + " regedit itself refuses such a file", ""));
                }
                if (t.isEmpty() || t.startsWith(";")) {
                    continue;
                }
                if (!line.text().equals(t) && !line.text().stripTrailing().equals(t)) {
                    notices.add(new RegProblem(line.number(), "indented line", line.text()));
                }
                try {
                    if (t.startsWith("[")) {
                        keyLine(line.number(), t);
                    } else {
                        valueLine(line.number(), t);
                    }
                } catch (IllegalArgumentException e) {
                    errors.add(new RegProblem(line.number(), e.getMessage(), line.text()));
                }
            }
            return new RegFile(source, format, text.encoding, edits, errors, notices);
        }

        private void keyLine(int number, String t) {
            int close = t.lastIndexOf(']');
            if (close < 0) {
                current = null;
                throw new IllegalArgumentException("key header without closing ']'");
            }
            if (!t.substring(close + 1).isBlank()) {
                current = null;
                throw new IllegalArgumentException("text after the closing ']' of a key header");
            }
            boolean delete = t.startsWith("[-");
            String name = t.substring(delete ? 2 : 1, close);
            if (name.endsWith("\\")) {
                notices.add(new RegProblem(number, "trailing backslash in key name ignored", t));
            }
            try {
                current = KeyPath.parse(name);
            } catch (IllegalArgumentException e) {
                current = null;
                throw e;
            }
            currentDeleted = delete;
            edits.add(delete ? new RegistryEdit.DeleteKey(current) : new RegistryEdit.CreateKey(current));
        }

        private void valueLine(int number, String t) {
            if (current == null) {
                throw new IllegalArgumentException("value line outside any valid [key] section");
            }
            int[] pos = {0};
            String name;
            if (t.startsWith("@")) {
                name = "";
                pos[0] = 1;
            } else if (t.startsWith("\"")) {
                name = quoted(t, pos);
            } else {
                throw new IllegalArgumentException("value name is not quoted (write \"Name\"=...); regedit skips this line");
            }
            int eq = pos[0];
            while (eq < t.length() && (t.charAt(eq) == ' ' || t.charAt(eq) == '\t')) {
                eq++;
            }
            if (eq >= t.length() || t.charAt(eq) != '=') {
                throw new IllegalArgumentException("expected '=' after the value name");
            }
            int data = eq + 1;
            while (data < t.length() && (t.charAt(data) == ' ' || t.charAt(data) == '\t')) {
                data++;
            }
            if (eq != pos[0] || data != eq + 1) {
                notices.add(new RegProblem(number, "whitespace around '=' accepted", t));
            }
            if (currentDeleted) {
                throw new IllegalArgumentException("value under a deleted key [-...]; regedit ignores it");
            }
            String rest = t.substring(data);
            if (rest.equals("-")) {
                edits.add(new RegistryEdit.DeleteValue(current, name));
                return;
            }
            edits.add(new RegistryEdit.SetValue(current, data(number, name, rest)));
        }

        /** A quoted string from pos[0] (at the opening quote); leaves pos[0] after the closing quote. */
        private static String quoted(String t, int[] pos) {
            StringBuilder sb = new StringBuilder();
            int i = pos[0] + 1;
            while (i < t.length()) {
                char c = t.charAt(i);
                if (c == '\\' && i + 1 < t.length()) {
                    char n = t.charAt(i + 1);
                    if (n == '\\' || n == '"') {
                        sb.append(n);
                        i += 2;
                    } else {
                        sb.append(c); // regedit knows only \\ and \"; any other backslash is literal
                        i++;
                    }
                } else if (c == '"') {
                    pos[0] = i + 1;
                    return sb.toString();
                } else {
                    sb.append(c);
                    i++;
                }
            }
            throw new IllegalArgumentException("unterminated quoted string");
        }

        private RegValue data(int number, String name, String rest) {
            if (rest.startsWith("\"")) {
                int[] pos = {0};
                String s = quoted(rest, pos);
                if (!rest.substring(pos[0]).isBlank()) {
                    throw new IllegalArgumentException("text after the closing quote of a string value");
                }
                return RegValue.string(name, s);
            }
            int colon = rest.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("value data is neither a quoted string, dword:, hex: nor -");
            }
            String prefix = rest.substring(0, colon);
            String body = rest.substring(colon + 1).strip();
            String lower = prefix.toLowerCase(java.util.Locale.ROOT);
            if (!lower.equals(prefix)) {
                notices.add(new RegProblem(number, "upper-case type prefix \"" + prefix + ":\" accepted", rest));
            }
            if (lower.equals("dword")) {
                return RegValue.dword(name, (int) hexNumber(body, 8, "dword"));
            }
            if (lower.equals("qword")) {
                notices.add(new RegProblem(number, "qword: is not regedit syntax (it writes hex(b):); accepted", rest));
                return RegValue.qword(name, hexNumber(body, 16, "qword"));
            }
            if (lower.equals("hex")) {
                return new RegValue(name, ValueType.REG_BINARY.id(), hexBytes(body));
            }
            if (lower.startsWith("hex(") && lower.endsWith(")")) {
                int type = (int) hexNumber(lower.substring(4, lower.length() - 1), 8, "hex(type)");
                byte[] bytes = hexBytes(body);
                if (format == RegFormat.REGEDIT4 && (type == 2 || type == 7)) {
                    bytes = ansiToUtf16(bytes);
                }
                return new RegValue(name, type, bytes);
            }
            throw new IllegalArgumentException("unknown value type \"" + prefix + ":\"");
        }

        private static long hexNumber(String s, int maxDigits, String what) {
            if (s.isEmpty() || s.length() > maxDigits) {
                throw new IllegalArgumentException(what + " needs 1 to " + maxDigits + " hex digits, got \"" + s + "\"");
            }
            for (char c : s.toCharArray()) {
                if (Character.digit(c, 16) < 0) {
                    throw new IllegalArgumentException(what + " is not hexadecimal: \"" + s + "\""
                            + (s.toLowerCase(java.util.Locale.ROOT).startsWith("0x") ? " (no 0x prefix in .reg files)" : ""));
                }
            }
            return Long.parseUnsignedLong(s, 16);
        }

        private static byte[] hexBytes(String body) {
            if (body.isEmpty()) {
                return new byte[0];
            }
            String[] parts = body.split(",", -1);
            byte[] out = new byte[parts.length];
            for (int i = 0; i < parts.length; i++) {
                String p = parts[i].strip();
                if (p.isEmpty() || p.length() > 2 || Character.digit(p.charAt(0), 16) < 0
                        || p.length() == 2 && Character.digit(p.charAt(1), 16) < 0) {
                    throw new IllegalArgumentException("bad hex byte \"" + p + "\" at position " + (i + 1));
                }
                out[i] = (byte) Integer.parseInt(p, 16);
            }
            return out;
        }

        private static byte[] ansiToUtf16(byte[] ansi) {
            String s = new String(ansi, Charset.forName("windows-1252"));
            return s.getBytes(StandardCharsets.UTF_16LE);
        }
    }
}
