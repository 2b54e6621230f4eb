package io.lifeboat.tls.pki;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The blocks of a PEM text (RFC 7468: {@code -----BEGIN LABEL-----}, base64, {@code -----END
 * LABEL-----}), each with its label, its headers (RFC 1421's {@code Name: value} lines, as an
 * OpenSSL-encrypted key has) and its decoded bytes. Text between blocks is skipped, as OpenSSL and
 * Bouncy Castle skip it; a character outside base64's alphabet inside a block is refused, not skipped
 * (the JDK's MIME decoder would skip it and hand on other bytes). Read with the JDK alone, so that a command that only reads its identity does
 * not load a PEM library.
 */
record PemBlocks(List<Block> blocks) {
    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";

    record Block(String label, boolean hasHeaders, byte[] der) {
    }

    /** @param where names the source in error messages */
    static PemBlocks parse(String text, String where) throws IOException {
        List<Block> out = new ArrayList<>();
        List<String> lines = text.lines().toList();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i++).strip();
            if (!line.startsWith(BEGIN) || !line.endsWith(DASHES) || line.length() < BEGIN.length() + DASHES.length()) {
                continue;
            }
            String label = line.substring(BEGIN.length(), line.length() - DASHES.length());
            String end = END + label + DASHES;
            StringBuilder base64 = new StringBuilder();
            boolean headers = false;
            boolean ended = false;
            while (i < lines.size()) {
                String body = lines.get(i++).strip();
                if (body.equals(end)) {
                    ended = true;
                    break;
                }
                if (body.indexOf(':') >= 0) {
                    headers = true;
                } else {
                    for (int k = 0; k < body.length(); k++) {
                        if (!Character.isWhitespace(body.charAt(k))) {
                            base64.append(body.charAt(k));
                        }
                    }
                }
            }
            if (!ended) {
                throw new IOException(where + ": the PEM block \"" + label + "\" has no \"" + end + "\" line");
            }
            try {
                out.add(new Block(label, headers, Base64.getDecoder().decode(base64.toString())));
            } catch (IllegalArgumentException e) {
                throw new IOException(where + ": the PEM block \"" + label + "\" is not valid base64: " + e.getMessage(), e);
            }
        }
        return new PemBlocks(List.copyOf(out));
    }
}
