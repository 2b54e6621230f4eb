package io.lifeboat.readiness.registry;

/**
 * Key and value names compare the way Windows compares them: case-insensitively, one UTF-16 unit
 * at a time through a simple upper-case table (RtlUpcaseUnicodeChar), with no locale rules.
 */
public final class Names {
    private Names() {
    }

    /** The folded form used as a map key. */
    public static String fold(String name) {
        char[] c = name.toCharArray();
        for (int i = 0; i < c.length; i++) {
            c[i] = upcase(c[i]);
        }
        return new String(c);
    }

    public static boolean same(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            if (upcase(a.charAt(i)) != upcase(b.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static char upcase(char c) {
        if (c < 'a') {
            return c;
        }
        if (c <= 'z') {
            return (char) (c - 32);
        }
        return Character.toUpperCase(c);
    }
}
