package io.lifeboat.readiness.reg;

import io.lifeboat.readiness.registry.KeyPath;
import io.lifeboat.readiness.registry.RegValue;
import io.lifeboat.readiness.registry.RegistryEdit;
import io.lifeboat.readiness.registry.ValueType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Writes edits as a .reg file regedit imports: "Windows Registry Editor Version 5.00", UTF-16LE with
 * a byte-order mark, CRLF line ends, one {@code [KEY]} section per run of edits on the same key, hex
 * data wrapped with {@code \} continuations as regedit exports it. {@link RegFileReader} reads back
 * exactly the edits written (tested as a property).
 */
public final class RegFileWriter {
    private static final String CRLF = "\r\n";

    private RegFileWriter() {
    }

    /** @param comments lines written as {@code ;} comments after the header (may be empty) */
    public static byte[] write(List<RegistryEdit> edits, List<String> comments) {
        return toBytes(text(edits, comments));
    }

    public static byte[] toBytes(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xff);
        out.write(0xfe);
        out.writeBytes(text.getBytes(StandardCharsets.UTF_16LE));
        return out.toByteArray();
    }

    public static String text(List<RegistryEdit> edits, List<String> comments) {
        StringBuilder sb = new StringBuilder(RegFormat.VERSION_5.header()).append(CRLF).append(CRLF);
        for (String c : comments) {
            for (String line : c.split("\r\n|\n|\r", -1)) {
                sb.append("; ").append(line).append(CRLF);
            }
        }
        if (!comments.isEmpty()) {
            sb.append(CRLF);
        }
        KeyPath open = null;
        boolean openIsDelete = false;
        for (RegistryEdit e : edits) {
            boolean isDelete = e instanceof RegistryEdit.DeleteKey;
            boolean needsHeader = open == null || !open.same(e.key()) || openIsDelete || isDelete
                    || e instanceof RegistryEdit.CreateKey;
            if (needsHeader) {
                if (open != null) {
                    sb.append(CRLF);
                }
                sb.append(isDelete ? "[-" : "[").append(e.key()).append(']').append(CRLF);
                open = e.key();
                openIsDelete = isDelete;
            }
            if (e instanceof RegistryEdit.SetValue s) {
                sb.append(valueLine(s.value())).append(CRLF);
            } else if (e instanceof RegistryEdit.DeleteValue d) {
                sb.append(name(d.name())).append("=-").append(CRLF);
            }
        }
        return sb.toString();
    }

    /** One edit as the .reg text that makes it: {@code [-KEY]}, {@code [KEY]}, {@code "Name"=dword:...}, {@code "Name"=-}. */
    public static String line(RegistryEdit e) {
        if (e instanceof RegistryEdit.DeleteKey) {
            return "[-" + e.key() + "]";
        }
        if (e instanceof RegistryEdit.CreateKey) {
            return "[" + e.key() + "]";
        }
        if (e instanceof RegistryEdit.SetValue s) {
            return valueLine(s.value()).replace("\\" + CRLF + "  ", "");
        }
        return name(((RegistryEdit.DeleteValue) e).name()) + "=-";
    }

    static String name(String n) {
        return n.isEmpty() ? "@" : quote(n);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static String valueLine(RegValue v) {
        String head = name(v.name()) + "=";
        Optional<Integer> d = v.asDword();
        if (v.type() == ValueType.REG_DWORD.id() && d.isPresent() && v.data().length == 4) {
            return head + String.format("dword:%08x", d.get());
        }
        if (v.type() == ValueType.REG_SZ.id()) {
            Optional<String> s = v.asString();
            if (s.isPresent() && plain(s.get()) && java.util.Arrays.equals(RegValue.string("", s.get()).data(), v.data())) {
                return head + quote(s.get());
            }
        }
        String prefix = v.type() == ValueType.REG_BINARY.id() ? "hex:" : String.format("hex(%x):", v.type());
        return wrapHex(head + prefix, v.data());
    }

    private static boolean plain(String s) {
        return s.chars().noneMatch(c -> c == '\0' || c == '\r' || c == '\n');
    }

    /** regedit's layout: lines of at most ~80 characters ending in ",\" and continued indented by two. */
    private static String wrapHex(String head, byte[] data) {
        StringBuilder sb = new StringBuilder(head);
        int lineStart = 0;
        for (int i = 0; i < data.length; i++) {
            sb.append(String.format("%02x", data[i] & 0xff));
            if (i + 1 < data.length) {
                sb.append(',');
                if (sb.length() - lineStart > 76) {
                    sb.append('\\').append(CRLF).append("  ");
                    lineStart = sb.length() - 2;
                }
            }
        }
        return sb.toString();
    }
}
