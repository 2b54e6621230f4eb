package io.lifeboat.scan.probe;

import java.util.Locale;

/** Whose preference decides the suite: the server's (the list is its order) or the client's. */
public enum SuiteOrder {
    /** The server chooses by its own preference; the suite list is in that order. */
    SERVER,
    /** The server takes the client's first acceptable suite; the list order means nothing. */
    CLIENT,
    /** Zero or one suite: there is no order to tell. */
    NOT_APPLICABLE,
    /** The probe could not tell (see its attempt). */
    UNKNOWN;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
