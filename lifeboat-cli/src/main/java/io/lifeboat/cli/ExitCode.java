package io.lifeboat.cli;

import io.lifeboat.tls.LifeboatException;

/** The exit codes, the same for every command; {@link #HELP} ends every command's help. */
public final class ExitCode {
    public static final int OK = 0;
    public static final int ERROR = 1;
    public static final int USAGE = 2;
    public static final int FINDINGS = 3;
    public static final int VAULT_UNREACHABLE = 10;
    public static final int IDENTITY_REJECTED = 11;
    public static final int INTEGRITY = 12;
    public static final int INTERRUPTED = 130;

    static final String[] HELP = {
        "%nExit status:",
        "  0    ok / compliant / ready",
        "  1    unexpected error",
        "  2    usage error or bad input",
        "  3    findings: not compliant, not ready",
        "  10   vault unreachable",
        "  11   identity rejected (token, certificate)",
        "  12   integrity failure",
        "  130  interrupted",
    };

    private ExitCode() {
    }

    /** The one place where failures become exit codes. */
    public static int of(Throwable failure) {
        if (failure instanceof LifeboatException e) {
            return switch (e.kind()) {
                case USAGE -> USAGE;
                case UNREACHABLE -> VAULT_UNREACHABLE;
                case IDENTITY_REJECTED -> IDENTITY_REJECTED;
                case INTEGRITY -> INTEGRITY;
                case FAILED -> ERROR;
            };
        }
        if (failure instanceof picocli.CommandLine.ParameterException) {
            return USAGE;
        }
        if (failure instanceof InterruptedException) {
            return INTERRUPTED;
        }
        return ERROR;
    }
}
