package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.tls.LifeboatException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The JSON form of an ownership record ({@code machines/<machine>/<id>}, as vaults before the binary
 * form wrote it) read back as written, with block ids as its keys: read without Jackson's field-name table, so every id must still come back whole and in
 * order, and a bad record still names the machine and what is wrong.
 */
class OwnershipRecordTest {
    @Test
    void manyIdsComeBackAsWritten() {
        Map<BlockId, Long> blocks = new LinkedHashMap<>();
        for (int i = 0; i < 5_000; i++) {
            blocks.put(BlockId.of(("block " + i).getBytes(StandardCharsets.UTF_8)), 1_796_564_412_516L + i % 3);
        }
        byte[] json = OldOwnershipFiles.json("web-1", blocks);
        Map<BlockId, Long> back = RepositoryFiles.ownership(json, "web-1");
        assertThat(back).containsExactlyEntriesOf(blocks);
    }

    @Test
    void aRecordOfAnotherMachineOrBrokenJsonIsNamed() {
        byte[] other = OldOwnershipFiles.json("web-2", Map.of(BlockId.of(new byte[] {1}), 1L));
        assertThatThrownBy(() -> RepositoryFiles.ownership(other, "web-1")).isInstanceOf(LifeboatException.class)
                .hasMessageContaining("machines/web-1").hasMessageContaining("another machine");
        byte[] torn = "{\"version\":2,\"machine\":\"web-1\",\"blocks\":{\"ab".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> RepositoryFiles.ownership(torn, "web-1")).isInstanceOf(LifeboatException.class)
                .hasMessageContaining("ownership record of web-1").hasMessageContaining("line 1");
        byte[] badId = "{\"version\":2,\"machine\":\"web-1\",\"blocks\":{\"not-a-block\":1}}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> RepositoryFiles.ownership(badId, "web-1")).isInstanceOf(IllegalArgumentException.class);
    }
}
