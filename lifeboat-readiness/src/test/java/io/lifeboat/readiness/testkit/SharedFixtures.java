package io.lifeboat.readiness.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;

/**
 * The third-party registry data in {@code shared/fixtures/registry/} (never copied into the project).
 * Found through LIFEBOAT_SHARED, then {@code ../shared} from the repository root, then /work/shared; absent data skips a test locally and
 * fails it when CI=true. xz files are decompressed once per JVM into a temporary folder with
 * {@code xz -dc}, removed at exit.
 */
public final class SharedFixtures {
    private static final Map<String, byte[]> CACHE = new ConcurrentHashMap<>();

    private SharedFixtures() {
    }

    public static Path registryDir() {
        for (String candidate : new String[] {System.getenv("LIFEBOAT_SHARED"), besideRepository(), "/work/shared"}) {
            if (candidate != null) {
                Path p = Path.of(candidate, "fixtures", "registry");
                if (Files.isDirectory(p)) {
                    return p;
                }
            }
        }
        Tools.skipOrFail("shared registry fixtures (LIFEBOAT_SHARED or /work/shared) not found");
        return null;
    }

    /** {@code ../shared} from the repository root (tests run in the module folder, one below the root). */
    static String besideRepository() {
        Path module = Path.of("").toAbsolutePath();
        Path root = module.getParent();
        return root == null || root.getParent() == null ? null : root.getParent().resolve("shared").toString();
    }

    public static Path file(String relative) {
        Path p = registryDir().resolve(relative);
        if (!Files.isRegularFile(p)) {
            Tools.skipOrFail("shared fixture " + p + " is missing");
        }
        return p;
    }

    /** The decompressed bytes of {@code regipy/NAME.xz}. */
    public static byte[] regipy(String name) {
        return CACHE.computeIfAbsent(name, n -> {
            Path xz = file("regipy/" + n + ".xz");
            Tools.require("xz");
            try {
                Process p = new ProcessBuilder("xz", "-dc", xz.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
                byte[] out = p.getInputStream().readAllBytes();
                if (p.waitFor() != 0) {
                    fail("xz -dc " + xz + " failed");
                }
                return out;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }
}
