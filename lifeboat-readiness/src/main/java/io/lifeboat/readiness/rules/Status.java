package io.lifeboat.readiness.rules;

/** The closed result vocabulary of every rule. Only {@link #FAIL} makes a machine "not ready". */
public enum Status {
    /** The setting is as TLS 1.2 needs it (seen, or the OS default is known to be right). */
    PASS,
    /** TLS 1.2 will not work as the setting stands; the result carries the fix. */
    FAIL,
    /** Works, but something weaker than the policy is still allowed (legacy protocols). */
    WARN,
    /** The rule does not concern this machine (an OS that needs no such setting or update). */
    NOT_APPLICABLE,
    /** The registry cannot tell (OS unknown, no servicing records): confirm by hand, never a FAIL. */
    UNKNOWN
}
