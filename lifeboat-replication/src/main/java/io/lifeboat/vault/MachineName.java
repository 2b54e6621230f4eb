package io.lifeboat.vault;

import io.lifeboat.tls.LifeboatException;
import java.util.regex.Pattern;

/** The rule for machine names: they become file names and certificate CNs. */
public final class MachineName {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    private MachineName() {
    }

    public static boolean valid(String name) {
        return name != null && VALID.matcher(name).matches() && !name.contains("..");
    }

    /** @throws LifeboatException USAGE naming the rule */
    public static String require(String name) {
        if (!valid(name)) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "machine name '" + name
                    + "' is not valid: use 1-63 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return name;
    }
}
