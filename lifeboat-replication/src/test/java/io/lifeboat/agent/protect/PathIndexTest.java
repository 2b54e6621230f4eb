package io.lifeboat.agent.protect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The index of a record's paths: every path found at its index, any other path not found. */
class PathIndexTest {
    @Test
    void everyPathIsFoundAtItsIndexAndNoOtherIs() {
        Random r = new Random(14);
        String[] paths = new String[5000];
        Map<String, Integer> expected = new HashMap<>();
        for (int i = 0; i < paths.length; i++) {
            paths[i] = "usr/share/doc/" + Integer.toString(r.nextInt(1_000_000), 36) + "/" + i;
            expected.put(paths[i], i);
        }
        PathIndex index = new PathIndex(paths);
        expected.forEach((path, i) -> assertThat(index.find(new String(path))).as(path).isEqualTo(i));
        assertThat(index.find("usr/share/doc/absent")).isEqualTo(-1);
        assertThat(index.find("")).isEqualTo(-1);
    }

    @Test
    void pathsOfTheSameHashAreToldApart() {
        // "Aa" and "BB" hash alike, and so does every string of such pairs
        String[] paths = {"AaAa", "BBBB", "AaBB", "BBAa"};
        assertThat(paths[0].hashCode()).isEqualTo(paths[1].hashCode()).isEqualTo(paths[3].hashCode());
        PathIndex index = new PathIndex(paths);
        for (int i = 0; i < paths.length; i++) {
            assertThat(index.find(paths[i])).isEqualTo(i);
        }
        assertThat(index.find("AaAaAa")).isEqualTo(-1);
    }

    @Test
    void aPathOfAHeldPathsHashIsNotFoundUnlessItIsHeld() {
        // the slots compare hashes before characters: an equal hash alone must not make a match
        PathIndex index = new PathIndex(new String[] {"dir/AaAa", "dir/AaBB"});
        assertThat("dir/BBBB".hashCode()).isEqualTo("dir/AaAa".hashCode());
        assertThat(index.find("dir/BBBB")).isEqualTo(-1);
        assertThat(index.find("dir/BBAa")).isEqualTo(-1);
        assertThat(index.find(new String("dir/AaBB"))).isEqualTo(1); // the same characters in another string
    }

    @Test
    void pathsCraftedToShareOneHashFallBackToTheSortedFormAndAreAllFound() {
        // 2^12 names of twelve "Aa"/"BB" pairs: one hash for all, what a user could create in a protected folder
        String[] paths = new String[1 << 12];
        for (int i = 0; i < paths.length; i++) {
            StringBuilder name = new StringBuilder("home/eve/");
            for (int bit = 0; bit < 12; bit++) {
                name.append((i >> bit & 1) == 0 ? "Aa" : "BB");
            }
            paths[i] = name.toString();
        }
        assertThat(java.util.Arrays.stream(paths).mapToInt(String::hashCode).distinct().count()).isEqualTo(1);
        PathIndex index = new PathIndex(paths);
        assertThat(index.sortedFallback()).isTrue();
        for (int i = 0; i < paths.length; i++) {
            assertThat(index.find(new String(paths[i]))).isEqualTo(i);
        }
        assertThat(index.find("home/eve/AaAa")).isEqualTo(-1);
        assertThat(index.find("home/eve/" + "Aa".repeat(13))).isEqualTo(-1);
        assertThat(index.find("")).isEqualTo(-1);
    }

    @Test
    void theSortedFormAlsoFindsAPathGivenTwiceAtItsLastIndex() {
        String[] paths = new String[PathIndex.MAX_PROBE + 10];
        for (int i = 0; i < paths.length; i++) {
            StringBuilder name = new StringBuilder();
            for (int bit = 0; bit < 7; bit++) {
                name.append((i >> bit & 1) == 0 ? "Aa" : "BB");
            }
            paths[i] = name.toString();
        }
        paths[paths.length - 1] = paths[3];
        PathIndex index = new PathIndex(paths);
        assertThat(index.sortedFallback()).isTrue();
        assertThat(index.find(paths[3])).isEqualTo(paths.length - 1);
        assertThat(index.find(paths[4])).isEqualTo(4);
    }

    @Test
    void ordinaryPathsKeepTheSlots() {
        String[] paths = new String[50_000];
        for (int i = 0; i < paths.length; i++) {
            paths[i] = "usr/share/locale/" + (i % 97) + "/LC_MESSAGES/file" + i + ".mo";
        }
        assertThat(new PathIndex(paths).sortedFallback()).isFalse();
    }

    @Test
    void aPathGivenTwiceIsFoundAtItsLastIndexAsAMapWouldKeepIt() {
        PathIndex index = new PathIndex(new String[] {"a", "b", "a"});
        assertThat(index.find("a")).isEqualTo(2);
        assertThat(index.find("b")).isEqualTo(1);
    }

    @Test
    void anEmptyRecordFindsNothing() {
        assertThat(new PathIndex(new String[0]).find("a")).isEqualTo(-1);
    }
}
