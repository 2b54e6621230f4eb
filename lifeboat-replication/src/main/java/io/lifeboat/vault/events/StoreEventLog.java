package io.lifeboat.vault.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lifeboat.repository.backend.Backend;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event log of a vault on a store: one create-only record per event,
 * {@code state/events/<yyyyMMddTHHmmssSSS>Z-<random>.json}, so nodes never contend for one file and
 * names sort by time. Bounded: after every {@link #TRIM_EVERY} appends a node deletes the oldest
 * records beyond the newest {@link #KEEP}.
 */
public final class StoreEventLog implements EventJournal {
    public static final int KEEP = 10_000;
    static final int TRIM_EVERY = 100;
    private static final Logger LOG = LoggerFactory.getLogger("lifeboat.vault.events");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);
    private static final String FOLDER = "events/";

    private final Backend store;
    private final int keep;
    private final AtomicInteger appends = new AtomicInteger();

    public StoreEventLog(Backend store) {
        this(store, KEEP);
    }

    StoreEventLog(Backend store, int keep) {
        this.store = store;
        this.keep = keep;
    }

    @Override
    public void append(VaultEvent event) {
        byte[] random = new byte[4];
        RANDOM.nextBytes(random);
        Handle h = new Handle(FileType.STATE, FOLDER + NAME.format(event.time()) + "-" + HexFormat.of().formatHex(random) + ".json");
        try {
            store.create(h, JSON.writeValueAsBytes(event.toJson()));
            if (appends.incrementAndGet() % TRIM_EVERY == 0) {
                trim();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the event log in " + store.location(), e);
        }
    }

    private void trim() throws IOException {
        List<String> names = names();
        for (int i = 0; i < names.size() - keep; i++) {
            store.delete(new Handle(FileType.STATE, FOLDER + names.get(i)));
        }
    }

    /** The event records' names (without the folder), oldest first. */
    private List<String> names() throws IOException {
        List<String> out = new ArrayList<>();
        for (String n : store.list(FileType.STATE)) {
            if (n.startsWith(FOLDER)) {
                out.add(n.substring(FOLDER.length()));
            }
        }
        return out; // listed sorted, and the names begin with the time
    }

    @Override
    public List<VaultEvent> since(Instant since) {
        String from = NAME.format(since);
        List<VaultEvent> out = new ArrayList<>();
        try {
            for (String n : names()) {
                if (n.compareTo(from) < 0) {
                    continue;
                }
                try {
                    EventLog.parse(new String(store.read(new Handle(FileType.STATE, FOLDER + n)), StandardCharsets.UTF_8))
                            .filter(e -> !e.time().isBefore(since)).ifPresent(out::add);
                } catch (java.nio.file.NoSuchFileException e) {
                    // trimmed between list and read
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot read the event log in {}: {}", store.location(), e.toString());
            throw new UncheckedIOException("cannot read the event log in " + store.location(), e);
        }
        return out;
    }
}
