/**
 * The repository on Azure Blob Storage ({@code azure-blob://CONTAINER[/PREFIX]}), through the Azure SDK
 * for Java with an HTTP client of our own over the JDK's ({@link io.lifeboat.repository.backend.azure.JdkAzureHttpClient}),
 * so the SDK brings no second Netty beside Vert.x's.
 *
 * <h2>How the format maps onto blobs</h2>
 * Every repository file is one block blob named {@code PREFIX/<folder>/<name>} ({@code PREFIX/config},
 * {@code PREFIX/data/<pack>}, {@code PREFIX/points/<machine>/<id>}, ...), the same names as on a local
 * disk except that packs are not fanned out into {@code data/<2 hex>/} (a blob name has no folder to
 * fill). The prune lease is on the empty blob {@code PREFIX/write.lock}. Other blobs under the
 * prefix are ignored.
 * <ul>
 *   <li><b>Create</b> is a Put Blob with {@code If-None-Match: *}; a file over 4 MiB (a pack) is staged
 *       as 4 MiB blocks under random block ids and made visible by one Put Block List with
 *       {@code If-None-Match: *}. Either way the blob appears whole or not at all, and an existing one is
 *       never replaced; staged blocks of a create that never committed are invisible and the service
 *       drops them (after a week). Each create tags its blob with a random id in metadata, so a create
 *       whose first try landed but whose answer was lost, and that the SDK retried into a 409, still
 *       reports that it created the file.</li>
 *   <li><b>Replace</b> (only the vault's state records and node announcements) is a Put Blob with
 *       {@code If-Match: <ETag>} of the version read; a 412 means another writer was first. It tags the
 *       blob with a random id like a create, so a replace whose answer was lost still knows it landed.</li>
 *   <li><b>Read</b> is a Get Blob, whole or with a {@code Range}; <b>list</b> is List Blobs by prefix;
 *       <b>delete</b> is Delete Blob (with its snapshots), a 404 meaning "was not there".</li>
 *   <li><b>Retries</b>: the SDK's exponential retry policy (5 tries, 0.5 s to 15 s apart) retries
 *       timeouts, resets and 5xx/503 answers; nothing here loops by hand.</li>
 *   <li><b>Several writers</b>: a store that offers a lease is shared: any number of vault nodes write
 *       it at once, each with a presence record in {@code locks/}; only pruning is exclusive, under a
 *       30 s lease on {@code write.lock} renewed every 10 s ({@link
 *       io.lifeboat.repository.backend.azure.AzureWriterLease}), which expires within 30 s of its
 *       holder's death (see {@code docs/repository-format.md}, "Several nodes on one store").</li>
 * </ul>
 *
 * <h2>What it does not give</h2>
 * <ul>
 *   <li>No fencing: the lease guards {@code write.lock} only. A pruner stalled past its lease can still
 *       delete beside the next one; a renewal failure is logged as an error, and the prune rule (packs
 *       deleted only after the safety margin, never one a point needs) still holds.</li>
 *   <li>No reader gate: readers ({@code verify}, {@code failover}, {@code points}) take no lock, and the
 *       writer deletes packs and chunks retention dropped at once instead of holding them back for open
 *       readers (dropped packs wait out the prune margin, chunks the grace period). Readers look twice before calling a file missing (the repository's fallback for stores
 *       without a local folder), but a failover or verify that runs beside a vault that prunes can still
 *       meet a pack or chunk deleted under it; it then fails naming the file and can be run again.</li>
 *   <li>No free-space figure ({@code usableSpace} is empty), so the free-space reserve does not apply.</li>
 *   <li>Containers are not created: the container must exist; the account and its key are the
 *       connection string's, kept out of the store URL.</li>
 * </ul>
 */
package io.lifeboat.repository.backend.azure;
