package io.lifeboat.readiness.reg;

/** The header line of a .reg file. */
public enum RegFormat {
    /** "Windows Registry Editor Version 5.00": Unicode strings in hex(2)/hex(7) data. */
    VERSION_5("Windows Registry Editor Version 5.00"),
    /** "REGEDIT4": ANSI strings in hex(2)/hex(7) data. */
    REGEDIT4("REGEDIT4"),
    /** No header line (a snippet copied from a web page); read as version 5.00, with a notice. */
    NONE("");

    private final String header;

    RegFormat(String header) {
        this.header = header;
    }

    public String header() {
        return header;
    }
}
