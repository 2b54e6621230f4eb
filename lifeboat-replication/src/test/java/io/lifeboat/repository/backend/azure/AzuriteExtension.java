package io.lifeboat.repository.backend.azure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link Azurite} for a whole test class, in a temporary folder of its own:
 * {@code @RegisterExtension static final AzuriteExtension AZURITE = new AzuriteExtension();}, then
 * {@code AZURITE.get()} in the tests. Where Azurite is not installed the class is skipped (and fails
 * under {@code CI=true}), as {@link Azurite#start} decides.
 */
public final class AzuriteExtension implements BeforeAllCallback, AfterAllCallback {
    private Path data;
    private Azurite azurite;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        data = Files.createTempDirectory("azurite");
        azurite = Azurite.start(data);
    }

    /** The running emulator. */
    public Azurite get() {
        if (azurite == null) {
            throw new IllegalStateException("Azurite is started before the class's tests; register this as a static field");
        }
        return azurite;
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (azurite != null) {
            azurite.close();
            azurite = null;
        }
        if (data != null) {
            try (Stream<Path> all = Files.walk(data)) {
                for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
