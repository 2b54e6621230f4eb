package io.lifeboat.cli.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code vault-serve.directives} keeps C2 off the vault's per-pack and per-request code by name: a
 * method renamed or moved would silently be compiled by C2 again (the JIT CPU it saved comes back,
 * nothing fails), so every one of the vault's own methods it names must exist. A name with a
 * descriptor ({@code Type.method(I[B)V}: one overload only) must name an overload that exists: with a
 * changed signature HotSpot would match nothing, or the file would reach an overload it must not.
 */
class VaultServeDirectivesTest {
    private static final Path FILE = Path.of("src/main/launcher/vault-serve.directives");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");

    @Test
    void everyLifeboatMethodItNamesExists() throws Exception {
        List<String> named = new ArrayList<>();
        for (String line : Files.readAllLines(FILE)) {
            if (line.strip().startsWith("//")) {
                continue;
            }
            Matcher m = QUOTED.matcher(line);
            while (m.find()) {
                named.add(m.group(1));
            }
        }
        List<String> ours = named.stream().filter(n -> n.startsWith("io/lifeboat/")).toList();
        assertThat(ours).as("the vault's own methods in %s", FILE).hasSizeGreaterThan(10);
        for (String pattern : ours) {
            int dot = pattern.lastIndexOf('.');
            String type = pattern.substring(0, dot).replace('/', '.');
            String method = pattern.substring(dot + 1);
            Class<?> c = Class.forName(type, false, getClass().getClassLoader());
            assertThat(Arrays.stream(c.getDeclaredMethods()).map(VaultServeDirectivesTest::spelling))
                    .as("%s names a method of %s", pattern, type)
                    .anyMatch(m -> method.contains("(") ? m.equals(method) : m.startsWith(method + "("));
        }
    }

    /** A method as a directive names it with its descriptor: {@code digest(I[Ljava/nio/ByteBuffer;I[[B)V}. */
    private static String spelling(Method m) {
        return m.getName() + MethodType.methodType(m.getReturnType(), m.getParameterTypes()).toMethodDescriptorString();
    }
}
