package io.lifeboat.readiness.reg;

/** Something the reader found on a line: an error (the line is not taken) or a notice (taken, leniently). */
public record RegProblem(int line, String message, String text) {
    @Override
    public String toString() {
        return "line " + line + ": " + message + (text.isEmpty() ? "" : " [" + abbreviate(text) + "]");
    }

    private static String abbreviate(String s) {
        String t = s.strip();
        return t.length() <= 60 ? t : t.substring(0, 57) + "...";
    }
}
