package io.lifeboat.readiness.rules;

/**
 * The closed result vocabulary of every rule. Only a required rule's {@link #FAIL} makes a machine
 * NOT READY, and only a required rule's {@link #UNKNOWN} makes it INCOMPLETE (see {@link Rule#required()}).
 */
public enum Status {
    /** The setting is as TLS 1.2 needs it (seen, or the OS default is known to be right). */
    PASS,
    /** A required setting or update is wrong: TLS 1.2 to the vault will not work as it stands. */
    FAIL,
    /** Hardening advice, or a component's own need (legacy protocols on, the TLS server side, WinHTTP, .NET 3.5). */
    WARN,
    /** The rule does not concern this machine (an OS that needs no such setting, a component not installed). */
    NOT_APPLICABLE,
    /** The input cannot tell (OS unknown, a hive missing, no servicing records); the result names what to give. */
    UNKNOWN
}
