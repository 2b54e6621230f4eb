package io.lifeboat.vault.store;

import io.lifeboat.repository.backend.Handle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The machines of a vault whose state is in the repository's store: one record each,
 * {@code state/machines/<name>.json}, shared by every vault node on the store. Changes are
 * read-modify-write conditional on the record's version (an ETag), retried on conflict; every lookup
 * reads the record again (one small GET), so a revocation through one node refuses the machine on all
 * nodes from the request after the revocation returned. No cache: that is the guarantee.
 */
public final class StoreMachineRegistry implements MachineRegistry {
    static final String KIND = "machines";

    private final StoreRecords records;
    private final Clock clock;

    public StoreMachineRegistry(io.lifeboat.repository.backend.Backend backend, Clock clock) {
        this.records = new StoreRecords(backend);
        this.clock = clock;
    }

    private static Handle handle(String name) {
        return StoreRecords.handle(KIND, name + ".json");
    }

    @Override
    public boolean remote() {
        return true;
    }

    @Override
    public Optional<MachineRecord> find(String name) {
        try {
            return records.read(handle(name), MachineRecord.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read machine " + name + " in " + records.backend().location(), e);
        }
    }

    @Override
    public List<MachineRecord> list() {
        List<MachineRecord> out = new ArrayList<>();
        try {
            for (String name : records.backend().list(io.lifeboat.repository.backend.FileType.STATE)) {
                if (name.startsWith(KIND + "/") && name.endsWith(".json")) {
                    String machine = name.substring(KIND.length() + 1, name.length() - ".json".length());
                    find(machine).ifPresent(out::add); // revoked and active alike; gone between list and read: skipped
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the machines in " + records.backend().location(), e);
        }
        out.sort(java.util.Comparator.comparing(MachineRecord::name)); // "web-1.json" lists before "web.json"
        return out;
    }

    @Override
    public MachineRecord enrolled(String name, IssuedCertificate cert) throws IOException {
        return records.update(handle(name), MachineRecord.class, old -> MachineChanges.enrolled(name, cert, clock.instant()));
    }

    @Override
    public MachineRecord renewed(String name, IssuedCertificate cert) throws IOException {
        return records.update(handle(name), MachineRecord.class, old -> MachineChanges.renewed(name, old, cert, clock.instant()));
    }

    @Override
    public MachineRecord revoke(String name) throws IOException {
        return records.update(handle(name), MachineRecord.class, old -> MachineChanges.revoked(name, old, clock.instant()));
    }
}
