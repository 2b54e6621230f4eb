package io.lifeboat.repository.backend;

class MemoryBackendTest extends BackendContractTest {
    private MemoryBackend store;

    @Override
    protected Backend newBackend() {
        store = new MemoryBackend();
        return store;
    }

    @Override
    protected Backend reopen() {
        return new Backend() {
            // a second view of the same map, closed independently
            @Override
            public String location() {
                return store.location();
            }

            @Override
            public boolean create(Handle h, byte[] d) {
                return store.create(h, d);
            }

            @Override
            public byte[] read(Handle h) throws java.io.IOException {
                return store.read(h);
            }

            @Override
            public byte[] read(Handle h, long o, int l) throws java.io.IOException {
                return store.read(h, o, l);
            }

            @Override
            public java.util.OptionalLong size(Handle h) {
                return store.size(h);
            }

            @Override
            public java.util.List<String> list(FileType t) {
                return store.list(t);
            }

            @Override
            public boolean delete(Handle h) {
                return store.delete(h);
            }

            @Override
            public java.util.Optional<Versioned> readVersioned(Handle h) {
                return store.readVersioned(h);
            }

            @Override
            public java.util.Optional<String> replace(Handle h, byte[] d, String v) {
                return store.replace(h, d, v);
            }
        };
    }
}
