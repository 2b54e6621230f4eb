package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.repository.RepositoryFiles.PointFile;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The point file names its block filter's parts as {@code repository-format.md} says: one part as
 * {@code "blockFilter"} (what the first builds with filters read), several as {@code "blockFilterParts"},
 * none as neither; a point file naming both, or a list of one, is refused naming the point.
 */
class PointFileFilterPartsTest {
    static final String CHUNK = "20260101T000000Z-" + "ab".repeat(32);
    static final String PART_1 = "20260101T000001Z-" + "cd".repeat(32);
    static final String PART_2 = "20260101T000002Z-" + "ef".repeat(32);

    static PointFile file(List<String> parts) {
        PointInfo info = RetentionPlanTest.point("db-1", "/srv/disk.img", Instant.parse("2026-01-01T00:00:00Z"));
        return new PointFile(info, new ManifestHeader("/srv/disk.img", SourceKind.IMAGE, 4096),
                new ManifestSummary(1, 5, 0, 5 * 4096, 1), List.of(CHUNK), parts);
    }

    static String json(List<String> parts) {
        return new String(RepositoryFiles.point(file(parts)), StandardCharsets.UTF_8);
    }

    @Test
    void onePartIsBlockFilterSeveralAreBlockFilterParts() {
        assertThat(json(List.of())).doesNotContain("blockFilter");
        assertThat(json(List.of(PART_1))).contains("\"blockFilter\":\"" + PART_1 + "\"").doesNotContain("blockFilterParts");
        assertThat(json(List.of(PART_1, PART_2))).contains("\"blockFilterParts\":[\"" + PART_1 + "\",\"" + PART_2 + "\"]")
                .doesNotContain("\"blockFilter\"");
        for (List<String> parts : List.of(List.<String>of(), List.of(PART_1), List.of(PART_1, PART_2))) {
            assertThat(RepositoryFiles.point(RepositoryFiles.point(file(parts)), "db-1/p").blockFilters()).isEqualTo(parts);
        }
    }

    @Test
    void bothFieldsOrAListOfOneAreRefusedNamingThePoint() {
        String two = json(List.of(PART_1, PART_2));
        String both = two.replace("\"blockFilterParts\"", "\"blockFilter\":\"" + PART_1 + "\",\"blockFilterParts\"");
        String one = two.replace(",\"" + PART_2 + "\"", "");
        String badName = two.replace(PART_2, "../escape");
        for (String bad : List.of(both, one, badName)) {
            assertThatThrownBy(() -> RepositoryFiles.point(bad.getBytes(StandardCharsets.UTF_8), "db-1/p"))
                    .as(bad).hasMessageContaining("point db-1/p");
        }
    }
}
