package io.lifeboat.repository.backend.azure;

import io.lifeboat.repository.backend.Handle;
import java.util.regex.Pattern;

/**
 * Where a repository lives in Azure Blob Storage: {@code azure-blob://CONTAINER[/PREFIX]}. The account
 * is not part of it: it comes with the connection string, which is a secret and is kept apart.
 *
 * @param container the container, named by Azure's rules (3-63 lowercase letters, digits and single hyphens)
 * @param prefix    the folder inside the container that holds the repository, {@code ""} for its root;
 *                  '/'-separated segments named as repository files are
 */
public record AzureBlobStore(String container, String prefix) {
    public static final String SCHEME = "azure-blob://";
    private static final Pattern CONTAINER = Pattern.compile("[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]");

    public AzureBlobStore {
        if (container == null || !CONTAINER.matcher(container).matches()) {
            throw new IllegalArgumentException("bad container name \"" + container + "\" in " + SCHEME + container
                    + " (Azure container names are 3-63 lowercase letters, digits and single hyphens)");
        }
        if (prefix == null) {
            prefix = "";
        }
        if (!prefix.isEmpty()) {
            for (String segment : prefix.split("/", -1)) {
                if (!Handle.isSegment(segment)) {
                    throw new IllegalArgumentException("bad prefix \"" + prefix + "\" in " + SCHEME + container + "/" + prefix
                            + " (segments of letters, digits, '.', '_' and '-', not starting with '.')");
                }
            }
        }
    }

    /** True when {@code url} names an Azure Blob store (so {@link #parse} applies). */
    public static boolean isStoreUrl(String url) {
        return url != null && url.startsWith(SCHEME);
    }

    /** Parses {@code azure-blob://CONTAINER[/PREFIX]}; an {@link IllegalArgumentException} says what is wrong. */
    public static AzureBlobStore parse(String url) {
        if (!isStoreUrl(url)) {
            throw new IllegalArgumentException("not an Azure Blob store: \"" + url + "\" (expected " + SCHEME + "CONTAINER[/PREFIX])");
        }
        String rest = url.substring(SCHEME.length());
        while (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        int slash = rest.indexOf('/');
        return slash < 0 ? new AzureBlobStore(rest, "") : new AzureBlobStore(rest.substring(0, slash), rest.substring(slash + 1));
    }

    /** The blob name for a repository path such as {@code data/ab12} or {@code config}. */
    String blobName(String path) {
        return prefix.isEmpty() ? path : prefix + "/" + path;
    }

    @Override
    public String toString() {
        return SCHEME + container + (prefix.isEmpty() ? "" : "/" + prefix);
    }
}
