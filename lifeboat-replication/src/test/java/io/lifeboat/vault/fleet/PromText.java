package io.lifeboat.vault.fleet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format (version 0.0.4), for tests: every line is
 * a {@code # HELP}, a {@code # TYPE}, another comment, blank, or a sample
 * {@code name{label="value",...} value [timestamp]} with escaped label values; anything else throws.
 * No well-kept Java library parses this format (the official client only writes it), so this
 * small one lives in test code.
 */
final class PromText {
    record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME.pattern()
            + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME.pattern() + ") .*");

    private PromText() {
    }

    static List<Sample> parse(String text) {
        List<Sample> out = new ArrayList<>();
        Map<String, String> types = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("# TYPE ")) {
                Matcher m = TYPE.matcher(line);
                if (!m.matches() || types.put(m.group(1), m.group(2)) != null) {
                    throw new IllegalArgumentException("line " + (i + 1) + ": bad or repeated TYPE: " + line);
                }
            } else if (line.startsWith("# HELP ")) {
                if (!HELP.matcher(line).matches()) {
                    throw new IllegalArgumentException("line " + (i + 1) + ": bad HELP: " + line);
                }
            } else if (!line.startsWith("#")) {
                out.add(sample(line, i + 1));
            }
        }
        return out;
    }

    private static Sample sample(String line, int no) {
        Matcher n = NAME.matcher(line);
        if (!n.lookingAt()) {
            throw new IllegalArgumentException("line " + no + ": no metric name: " + line);
        }
        int at = n.end();
        Map<String, String> labels = new LinkedHashMap<>();
        if (at < line.length() && line.charAt(at) == '{') {
            at++;
            while (line.charAt(at) != '}') {
                Matcher l = NAME.matcher(line).region(at, line.length());
                if (!l.lookingAt() || line.charAt(l.end()) != '=' || line.charAt(l.end() + 1) != '"') {
                    throw new IllegalArgumentException("line " + no + ": bad label at " + at + ": " + line);
                }
                StringBuilder v = new StringBuilder();
                int p = l.end() + 2;
                for (; line.charAt(p) != '"'; p++) {
                    char c = line.charAt(p);
                    if (c == '\\') {
                        char e = line.charAt(++p);
                        v.append(switch (e) {
                            case 'n' -> '\n';
                            case '\\' -> '\\';
                            case '"' -> '"';
                            default -> throw new IllegalArgumentException("line " + no + ": bad escape \\" + e);
                        });
                    } else {
                        v.append(c);
                    }
                }
                if (labels.put(l.group(), v.toString()) != null) {
                    throw new IllegalArgumentException("line " + no + ": repeated label " + l.group());
                }
                at = p + 1;
                if (line.charAt(at) == ',') {
                    at++;
                }
            }
            at++;
        }
        if (at >= line.length() || line.charAt(at) != ' ') {
            throw new IllegalArgumentException("line " + no + ": no value: " + line);
        }
        String[] rest = line.substring(at + 1).split(" ");
        if (rest.length > 2) {
            throw new IllegalArgumentException("line " + no + ": trailing text: " + line);
        }
        if (rest.length == 2) {
            Long.parseLong(rest[1]);
        }
        return new Sample(n.group(), labels, value(rest[0], no));
    }

    private static double value(String s, int no) {
        return switch (s) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> {
                try {
                    yield Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("line " + no + ": bad value " + s);
                }
            }
        };
    }
}
