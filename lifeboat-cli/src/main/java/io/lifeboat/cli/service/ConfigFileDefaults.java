package io.lifeboat.cli.service;

import io.lifeboat.tls.LifeboatException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeMap;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Default values from a config file (see the package note): picocli asks it for every option the
 * command line did not give. Multi-valued positionals ({@code path.N}) are joined with newlines,
 * which their {@code split} turns back into a list.
 */
public final class ConfigFileDefaults implements CommandLine.IDefaultValueProvider {
    private final Path file;
    private final Properties values;

    private ConfigFileDefaults(Path file, Properties values) {
        this.file = file;
        this.values = values;
    }

    /** The file named by {@code --config FILE} or {@code --config=FILE} in {@code args}, if any. */
    public static ConfigFileDefaults fromArgs(String... args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                return read(Path.of(args[i + 1]));
            }
            if (args[i].startsWith("--config=")) {
                return read(Path.of(args[i].substring("--config=".length())));
            }
        }
        return null;
    }

    static ConfigFileDefaults read(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "cannot read the config file " + file + ": " + e.getMessage());
        }
        return new ConfigFileDefaults(file, p);
    }

    /** Refuses keys that name no option of {@code command} (a typo must not be silently ignored). */
    public void checkKeys(CommandSpec command) {
        List<String> known = new ArrayList<>();
        command.options().forEach(o -> known.add(key(o)));
        command.positionalParameters().forEach(p -> known.add(key(p)));
        for (String k : values.stringPropertyNames()) {
            String base = k.replaceFirst("\\.\\d+$", "");
            if (!known.contains(base) || base.equals("config")) {
                throw new LifeboatException(LifeboatException.Kind.USAGE, file + ": '" + k + "' is not an option of `"
                        + command.qualifiedName() + "` (known: " + String.join(", ", known) + ")");
            }
        }
    }

    private static String key(ArgSpec a) {
        if (a instanceof OptionSpec o) {
            return o.longestName().replaceFirst("^-+", "");
        }
        return ((PositionalParamSpec) a).paramLabel().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        String key = key(argSpec);
        if (argSpec instanceof PositionalParamSpec) {
            TreeMap<Integer, String> numbered = new TreeMap<>();
            for (String k : values.stringPropertyNames()) {
                if (k.matches(java.util.regex.Pattern.quote(key) + "\\.\\d+")) {
                    numbered.put(Integer.parseInt(k.substring(key.length() + 1)), values.getProperty(k).trim());
                }
            }
            if (!numbered.isEmpty()) {
                return String.join("\n", numbered.values());
            }
        }
        String v = values.getProperty(key);
        return v == null ? null : v.trim();
    }
}
