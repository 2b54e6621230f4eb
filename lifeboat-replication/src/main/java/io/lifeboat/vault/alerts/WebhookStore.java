package io.lifeboat.vault.alerts;

import io.lifeboat.tls.LifeboatException;
import io.lifeboat.vault.store.JsonFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code V/ops/webhooks.json}: {@code {"urls": [...]}}, written atomically, read per alert. */
public final class WebhookStore {
    record FileForm(List<String> urls) {
    }

    private final Path file;

    public WebhookStore(Path vaultDir) {
        this.file = vaultDir.resolve("ops").resolve("webhooks.json");
    }

    /** The configured webhooks; one that no longer passes {@link WebhookUrl}'s rules is left out. */
    public List<WebhookUrl> list() {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        FileForm f = JsonFiles.read(file, FileForm.class);
        List<WebhookUrl> out = new ArrayList<>();
        for (String u : f.urls() == null ? List.<String>of() : f.urls()) {
            try {
                out.add(WebhookUrl.parse(u));
            } catch (LifeboatException e) {
                org.slf4j.LoggerFactory.getLogger("lifeboat.vault.alerts").warn("ignoring webhook: {}", e.getMessage());
            }
        }
        return out;
    }

    public synchronized List<WebhookUrl> add(WebhookUrl url) {
        return write(url, true);
    }

    public synchronized List<WebhookUrl> remove(WebhookUrl url) {
        return write(url, false);
    }

    private List<WebhookUrl> write(WebhookUrl url, boolean add) {
        List<String> urls = new ArrayList<>(list().stream().map(WebhookUrl::toString).toList());
        urls.remove(url.toString());
        if (add) {
            urls.add(url.toString());
        }
        try {
            JsonFiles.write(file, new FileForm(urls), false);
        } catch (IOException e) {
            throw new LifeboatException(LifeboatException.Kind.FAILED, "cannot write " + file + ": " + e.getMessage(), e);
        }
        return list();
    }
}
