package io.lifeboat.tls.diagnosis;

import io.lifeboat.tls.ProtocolVersion;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/** Evidence sentences shared by several rules, so the same fact always reads the same way. */
public final class Facts {
    /** The fix text for a Windows host that lacks TLS 1.2; every rule that needs it uses this one. */
    public static final String WINDOWS_TLS12 = "run `lifeboat readiness --live` on that Windows host (or"
            + " `lifeboat readiness --hive SYSTEM --hive SOFTWARE` on its offline hives) and import the .reg that"
            + " `--fix` writes: it enables the SChannel TLS 1.2 keys, .NET SystemDefaultTlsVersions and"
            + " SchUseStrongCrypto, and WinHTTP DefaultSecureProtocols, and names the update the OS needs"
            + " (KB4019276 on Windows Server 2008 SP2, KB3140245 on 2008 R2 / 7 / 2012)";

    private Facts() {
    }

    public static String offered(ConnectionEvidence e) {
        return e.offered().isEmpty() ? "nothing"
                : e.offered().stream().map(ProtocolVersion::standardName).collect(Collectors.joining(" and "));
    }

    /** The first bytes as text where printable, "\xNN" elsewhere, on one line. */
    public static String printable(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c >= 0x20 && c < 0x7f) {
                sb.append((char) c);
            } else {
                sb.append(String.format("\\x%02x", c));
            }
        }
        return sb.toString();
    }

    /** A guess at the protocol from a peer's first bytes, or null. */
    public static String protocolGuess(byte[] bytes) {
        String s = new String(bytes, StandardCharsets.ISO_8859_1);
        if (s.startsWith("HTTP/")) {
            return "plain HTTP";
        }
        if (s.startsWith("SSH-")) {
            return "SSH";
        }
        if (s.startsWith("220")) {
            return "SMTP or FTP";
        }
        if (s.startsWith("+OK")) {
            return "POP3";
        }
        if (s.startsWith("* OK")) {
            return "IMAP";
        }
        if (s.startsWith("RFB ")) {
            return "VNC";
        }
        if (bytes.length > 0 && (bytes[0] & 0xff) == 0x03) {
            return "RDP (TPKT)";
        }
        return null;
    }

    public static String transport(TransportEnd end) {
        return switch (end) {
            case RESET -> "reset the connection (RST; Windows error 10054 WSAECONNRESET,"
                    + " \"An existing connection was forcibly closed by the remote host\")";
            case EOF -> "closed the connection (FIN) without a TLS alert";
            case READ_TIMEOUT -> "sent nothing before the timeout";
            case NONE -> "kept the connection open";
        };
    }
}
