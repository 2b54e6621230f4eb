package io.lifeboat.cli.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The `lifeboat` launcher's decision to compile a one-shot tree pass with C1 and keep C2 for the
 * hashing ({@code src/main/launcher/args.sh}, {@code once_over_trees}), run in bash as the
 * launcher runs it: it must hold for folders only, with {@code --once}, and never for an image,
 * a running agent or paths it cannot see.
 */
class LauncherArgsTest {
    private static final Path ARGS = Path.of("src/main/launcher/args.sh").toAbsolutePath();

    @TempDir
    Path tmp;
    private String agent;
    private String tree;
    private String tree2;
    private String image;

    @BeforeEach
    void sources() throws Exception {
        agent = Files.createDirectories(tmp.resolve("agent")).toString();
        tree = Files.createDirectories(tmp.resolve("tree")).toString();
        tree2 = Files.createDirectories(tmp.resolve("other tree")).toString();
        image = Files.write(tmp.resolve("disk.img"), new byte[] {1}).toString();
    }

    @Test
    void aOneShotPassOfFoldersIsATreePass() throws Exception {
        assertThat(treePass("agent", "protect", "--dir", agent, "--once", tree)).isTrue();
        assertThat(treePass("agent", "protect", "--once", "--json", "--dir=" + agent, tree, tree2)).isTrue();
        assertThat(treePass("agent", "protect", tree, "--once", "--reread-after", "12h", "--dir", agent)).isTrue();
        assertThat(treePass("agent", "protect", "--dir", agent, "--once", "--", tree)).isTrue();
    }

    @Test
    void anImageARunningAgentOrUnseenPathsAreNot() throws Exception {
        assertThat(treePass("agent", "protect", "--dir", agent, "--once", image)).as("an image").isFalse();
        assertThat(treePass("agent", "protect", "--dir", agent, "--once", tree, image)).as("a tree and an image").isFalse();
        assertThat(treePass("agent", "protect", "--dir", agent, tree)).as("a running agent").isFalse();
        assertThat(treePass("agent", "protect", "--dir", agent, "--once")).as("no path").isFalse();
        assertThat(treePass("agent", "protect", "--once", "--dir", agent, "--config", image)).as("paths in a file").isFalse();
        assertThat(treePass("agent", "protect", "--once", "--dir", agent, tmp.resolve("gone").toString()))
                .as("a path that does not exist").isFalse();
        assertThat(treePass("agent", "run", "--dir", agent, "--once", tree)).as("another command").isFalse();
        assertThat(treePass("vault", "serve", "--dir", tree)).as("another command").isFalse();
    }

    @Test
    void anOptionsValueIsNotAPath() throws Exception {
        // the agent folder and a --group name are folders here, and must not make an image's pass a tree pass
        assertThat(treePass("agent", "protect", "--dir", agent, "--once", "--group", tree, image)).isFalse();
        assertThat(treePass("agent", "protect", "--once", "--dir", agent)).isFalse();
    }

    private static boolean treePass(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", "-c", "source \"$0\" && once_over_trees \"$@\"",
                ARGS.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(output).as("the function prints nothing").isEmpty();
        return p.exitValue() == 0;
    }
}
