package io.lifeboat.cli.repo;

import io.lifeboat.cli.JsonOutput;
import io.lifeboat.cli.render.ProgressBar;
import io.lifeboat.repository.Repository;
import io.lifeboat.restore.Failover;
import io.lifeboat.restore.FailoverOptions;
import io.lifeboat.restore.RestoreListener;
import io.lifeboat.restore.RestoreResult;
import io.lifeboat.tls.LifeboatException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lifeboat failover}: rebuild a machine's source from a recovery point at TARGET. */
@Command(name = "failover",
        header = "Restore a recovery point to a target (--test to rehearse).", mixinStandardHelpOptions = true,
        description = {"Rebuild a protected source from a recovery point at TARGET: a file or image becomes a"
                + " sparse file (or is written onto a device), a folder tree becomes a folder. Every block is"
                + " checked against its hash before it is written; a damaged block stops the failover (exit 12)"
                + " naming the block.",
            "--test also reads TARGET back and checks every block again. The vault is only read, in either mode.",
            "With --force onto a file or block device that already holds data (failback onto the old disk),"
                + " TARGET is read and hashed locally and only the blocks that differ from the point are fetched"
                + " and written, then TARGET is read back whole. Until then TARGET.lifeboat-incomplete stands"
                + " beside it (TARGET may mix two points); an interrupted run is finished by running it again,"
                + " which fetches nothing it already wrote (a block device's marker is kept in --marker-dir, since"
                + " /dev does not survive a reboot). Into a folder that holds data, files that match are"
                + " left alone (mode and mtime corrected), files that differ get only their changed blocks, and"
                + " paths the point does not hold are listed, and removed only with --delete-extra.",
            "--group G --to-map MAP restores every member of G to one group point (see `points --group G`): --point"
                + " latest is the newest complete group point, or give its round number. MAP has one line per member,"
                + " MEMBER = TARGET. Members are restored at once, each as above; JSON: {group, groupPoint, members:"
                + " [{member, ...the fields below}]}.",
            "Progress: a bar on a terminal, plain lines otherwise, JSON lines on standard error with --json.",
            "JSON (--json): {point, machine, target, test, checkedAfterWrite, bytesRestored, blocksVerified,"
                + " zeroBlocks, files, directories, symlinks, inPlace, blocksFetched, bytesFetched, bytesWritten,"
                + " finishedIncomplete, extra}."})
public final class FailoverCommand implements Callable<Integer> {
    @Option(names = "--dir", required = true, paramLabel = "VAULT", description = "the vault folder")
    Path dir;

    @Option(names = "--machine", paramLabel = "NAME", description = "the protected machine (or --group)")
    String machine;

    @Option(names = "--point", defaultValue = "latest", paramLabel = "ID|latest",
            description = "the recovery point (an id, a unique prefix, or latest; default: ${DEFAULT-VALUE})")
    String point;

    @Option(names = "--to", paramLabel = "TARGET", description = "file, device or folder to restore into (with --machine)")
    Path to;

    @Option(names = "--group", paramLabel = "GROUP", description = "restore every member of a consistency group to one"
            + " group point (--point latest: the newest complete one, or a round number); needs --to-map")
    String group;

    @Option(names = "--to-map", paramLabel = "MAP", description = "with --group: a file of lines MEMBER = TARGET"
            + " (MEMBER is MACHINE or MACHINE:SOURCE as the group names it; # starts a comment)")
    Path toMap;

    @Option(names = "--test", description = "test failover: restore, then read TARGET back and check it")
    boolean test;

    @Option(names = "--force", description = "write into a TARGET that is not empty (a file or block device: in place, only the blocks that differ)")
    boolean force;

    @Option(names = "--delete-extra",
            description = "with --force into a folder: also remove what it holds that the point does not (listed otherwise)")
    boolean deleteExtra;

    @Option(names = "--marker-dir", paramLabel = "DIR", description = "where the incomplete marker of a block device"
            + " written in place is kept, since /dev does not survive a reboot (default: /var/lib/lifeboat/incomplete"
            + " as root, else $XDG_STATE_HOME/lifeboat/incomplete)")
    Path markerDir;

    /** Test hook for the end-to-end tests (see {@link PauseAfterWriting}); not for operators. */
    @Option(names = "--test-pause-after-writing", hidden = true, paramLabel = "BYTES")
    Long pauseAfterWriting;

    @Option(names = "--json", arity = "0..1", fallbackValue = "-", paramLabel = "FILE",
            description = "write the result as JSON to FILE, or to standard output when FILE is omitted or -")
    String json;

    @Override
    public Integer call() {
        if (group != null || toMap != null) {
            if (group == null || toMap == null || machine != null || to != null) {
                throw new LifeboatException(LifeboatException.Kind.USAGE,
                        "a group failover takes --group GROUP --to-map MAP, without --machine or --to");
            }
            return new GroupFailoverRun(dir, group, point, toMap, options(), json).call();
        }
        if (machine == null || to == null) {
            throw new LifeboatException(LifeboatException.Kind.USAGE,
                    "failover needs --machine NAME --to TARGET (or --group GROUP --to-map MAP)");
        }
        Path vault = dir.toAbsolutePath().normalize();
        Path target = to.toAbsolutePath().normalize();
        if (target.startsWith(vault)) {
            throw new LifeboatException(LifeboatException.Kind.USAGE,
                    "--to " + to + " is inside the vault " + dir + "; restore somewhere else");
        }
        if (deleteExtra && !force) {
            throw new LifeboatException(LifeboatException.Kind.USAGE,
                    "--delete-extra removes files from a folder that already holds data, so it needs --force too");
        }
        RestoreResult result;
        try (Repository repo = VaultDir.openReadOnlyFor(dir, java.util.List.of(machine)); // its blocks only
                BarProgress bar = new BarProgress(test ? "test failover" : "failover")) {
            RestoreListener listener = json != null ? new JsonProgress(System.err) : bar;
            if (pauseAfterWriting != null) {
                listener = new PauseAfterWriting(listener, pauseAfterWriting, System.err);
            }
            result = new Failover(repo, listener).run(machine, point, to, options());
        }
        PrintStream out = System.out;
        if (json != null) {
            JsonOutput.write(json, toJson(result), out);
        } else {
            out.println(summary(result));
            if (result.finishedIncomplete() != null) {
                out.println("finished what an interrupted failover left (" + result.finishedIncomplete() + ")");
            }
            if (!result.extra().isEmpty()) {
                out.println((deleteExtra ? "removed " : "not in the point, left alone (--delete-extra removes them): ")
                        + String.join(", ", result.extra().subList(0, Math.min(20, result.extra().size())))
                        + (result.extra().size() > 20 ? " and " + (result.extra().size() - 20) + " more (--json lists all)" : ""));
            }
            if (result.checkedAfterWrite()) {
                out.println("read back: identical to the point, block for block");
            }
        }
        return 0;
    }

    private FailoverOptions options() {
        return new FailoverOptions(test, force, deleteExtra, DeviceMarkers.folder(markerDir));
    }

    static String summary(RestoreResult r) {
        StringBuilder sb = new StringBuilder(r.test() ? "test failover" : "failover")
                .append(" of point ").append(r.point().id()).append(" of machine ").append(r.point().machine())
                .append(" to ").append(r.target()).append(": ").append(ProgressBar.bytes(r.bytesRestored()))
                .append(", ").append(r.blocksVerified()).append(" blocks verified, ").append(r.zeroBlocks())
                .append(" zero blocks left as holes");
        if (r.inPlace()) {
            sb.append("; in place: ").append(r.blocksVerified()).append(" blocks fetched (")
                    .append(ProgressBar.bytes(r.bytesFetched())).append("), ")
                    .append(ProgressBar.bytes(r.bytesWritten())).append(" written");
        }
        if (r.files() + r.directories() + r.symlinks() > 1) {
            sb.append(", ").append(r.files()).append(" files, ").append(r.directories()).append(" folders, ")
                    .append(r.symlinks()).append(" symlinks");
        }
        return sb.toString();
    }

    static Map<String, Object> toJson(RestoreResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("point", r.point().id());
        m.put("machine", r.point().machine());
        m.put("target", r.target().toString());
        m.put("test", r.test());
        m.put("checkedAfterWrite", r.checkedAfterWrite());
        m.put("bytesRestored", r.bytesRestored());
        m.put("blocksVerified", r.blocksVerified());
        m.put("zeroBlocks", r.zeroBlocks());
        m.put("files", r.files());
        m.put("directories", r.directories());
        m.put("symlinks", r.symlinks());
        m.put("inPlace", r.inPlace());
        m.put("blocksFetched", r.blocksVerified());
        m.put("bytesFetched", r.bytesFetched());
        m.put("bytesWritten", r.bytesWritten());
        m.put("finishedIncomplete", r.finishedIncomplete());
        m.put("extra", r.extra());
        return m;
    }
}
