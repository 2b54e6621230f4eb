package io.lifeboat.repository;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import io.lifeboat.repository.backend.LocalBackend;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The JSON form of {@code index/<pack>} that vaults wrote before the binary form (session 13 of issue
 * 14), as {@code docs/repository-format.md} documents it: {@code {"version":1,"pack":..,"blocks":[..]}}.
 * Tests make "old" vaults with it: a vault whose indexes are all JSON, made here rather than checked in.
 */
final class OldIndexFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OldIndexFiles() {
    }

    static byte[] json(String pack, List<Pack.Location> locs, List<BlockId> ids) {
        ObjectNode n = JSON.createObjectNode();
        n.put("version", 1);
        n.put("pack", pack);
        ArrayNode blocks = n.putArray("blocks");
        for (int i = 0; i < locs.size(); i++) {
            Pack.Location l = locs.get(i);
            ObjectNode b = blocks.addObject();
            b.put("id", ids.get(i).hex());
            b.put("offset", l.offset());
            b.put("stored", l.stored());
            b.put("raw", l.raw());
            b.put("encoding", l.encoding().name());
        }
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Rewrites every index of the local repository at {@code repo} in the JSON form; returns how many. */
    static int rewriteAsJson(Path repo) throws IOException {
        LocalBackend local = new LocalBackend(repo);
        int n = 0;
        for (String pack : local.list(FileType.INDEX)) {
            Path file = local.path(new Handle(FileType.INDEX, pack));
            PackIndex idx = PackIndexCodec.read(Files.readAllBytes(file), pack);
            Files.write(file, json(pack, idx.locations(), idx.ids()));
            n++;
        }
        return n;
    }

    /** True when the index file of {@code pack} is in the binary form. */
    static boolean isBinary(Path repo, String pack) throws IOException {
        LocalBackend local = new LocalBackend(repo);
        return PackIndexCodec.isBinary(Files.readAllBytes(local.path(new Handle(FileType.INDEX, pack))));
    }
}
