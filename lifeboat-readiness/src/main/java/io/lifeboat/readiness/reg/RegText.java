package io.lifeboat.readiness.reg;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Bytes of a .reg file to logical lines: encoding detection, line ends, continuation lines. */
final class RegText {
    /** A logical line and the physical line number it starts on. */
    record Line(int number, String text) {
    }

    final String encoding;
    final List<Line> lines;

    private RegText(String encoding, List<Line> lines) {
        this.encoding = encoding;
        this.lines = lines;
    }

    static RegText decode(byte[] bytes) {
        String encoding;
        String text;
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xfe) {
            encoding = "UTF-16LE";
            text = new String(bytes, 2, (bytes.length - 2) & ~1, StandardCharsets.UTF_16LE);
        } else if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb
                && (bytes[2] & 0xff) == 0xbf) {
            encoding = "UTF-8";
            text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        } else if (validUtf8(bytes)) {
            encoding = "UTF-8";
            text = new String(bytes, StandardCharsets.UTF_8);
        } else {
            encoding = "windows-1252";
            text = new String(bytes, Charset.forName("windows-1252"));
        }
        return new RegText(encoding, join(text));
    }

    private static boolean validUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Splits on CRLF, LF or CR; a line ending in a backslash continues on the next one. */
    private static List<Line> join(String text) {
        String[] physical = text.split("\r\n|\n|\r", -1);
        List<Line> out = new ArrayList<>();
        int i = 0;
        while (i < physical.length) {
            int start = i + 1;
            StringBuilder sb = new StringBuilder(physical[i]);
            while (continues(sb) && i + 1 < physical.length) {
                sb.setLength(stripEnd(sb).length() - 1);
                i++;
                sb.append(physical[i].stripLeading());
            }
            out.add(new Line(start, sb.toString()));
            i++;
        }
        return out;
    }

    private static boolean continues(StringBuilder sb) {
        String s = stripEnd(sb);
        String t = s.stripLeading();
        // only value data continues (hex lists); a key header "[...\]" ends with a bracket, and regedit
        // skips a comment line whole, whatever it holds ("; set a=b in C:\"), so it never continues
        return s.endsWith("\\") && !t.startsWith("[") && !t.startsWith(";") && s.contains("=");
    }

    private static String stripEnd(CharSequence s) {
        return s.toString().stripTrailing();
    }
}
