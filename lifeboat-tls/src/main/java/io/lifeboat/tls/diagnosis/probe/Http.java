package io.lifeboat.tls.diagnosis.probe;

import io.lifeboat.tls.diagnosis.HttpAnswer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The little HTTP/1.1 the probe needs: is an answer complete enough, and its status, Date and body start. */
final class Http {
    private static final int BODY_CHARS = 300;

    private Http() {
    }

    /** Complete enough: the head has ended and the body has Content-Length bytes, or BODY_CHARS of them. */
    static boolean complete(byte[] answer) {
        String s = new String(answer, StandardCharsets.ISO_8859_1);
        int headEnd = s.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            return false;
        }
        String length = header(s.substring(0, headEnd), "content-length");
        int body = s.length() - headEnd - 4;
        if (length != null) {
            try {
                return body >= Math.min(Integer.parseInt(length.trim()), BODY_CHARS);
            } catch (NumberFormatException e) {
                return true;
            }
        }
        return body >= BODY_CHARS;
    }

    /** Null when the bytes are not an HTTP answer. */
    static HttpAnswer parse(byte[] answer) {
        String s = new String(answer, StandardCharsets.ISO_8859_1);
        if (!s.startsWith("HTTP/")) {
            return null;
        }
        int eol = s.indexOf("\r\n");
        String statusLine = eol < 0 ? s : s.substring(0, eol);
        String[] parts = statusLine.split(" ", 3);
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (RuntimeException e) {
            return null;
        }
        int headEnd = s.indexOf("\r\n\r\n");
        String head = headEnd < 0 ? s : s.substring(0, headEnd);
        String body = headEnd < 0 ? "" : s.substring(headEnd + 4);
        return new HttpAnswer(status, statusLine, date(header(head, "date")),
                body.length() > BODY_CHARS ? body.substring(0, BODY_CHARS) : body);
    }

    private static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    private static Instant date(String value) {
        if (value == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
