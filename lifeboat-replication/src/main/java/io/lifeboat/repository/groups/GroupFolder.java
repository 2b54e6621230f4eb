package io.lifeboat.repository.groups;

import io.lifeboat.repository.NotFoundException;
import io.lifeboat.repository.RepositoryException;
import io.lifeboat.repository.backend.Backend;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import io.lifeboat.tls.LifeboatException.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The files of consistency groups in a {@link Backend}'s {@code groups/} folder: their names (which
 * sort by round, and name a member's source by hash since a path is no file name) and the reads,
 * conditional creates and deletes of them, each failure an exception naming the file and the
 * store. {@link GroupStore} decides what to read and write; this class only knows where.
 */
final class GroupFolder {
    private final Backend backend;

    GroupFolder(Backend backend) {
        this.backend = backend;
    }

    // ---- names

    static String roundFile(long round) {
        return "round-" + pad(round) + ".json";
    }

    static String pointFile(long round) {
        return "point-" + pad(round) + ".json";
    }

    static String incompleteFile(long round) {
        return "incomplete-" + pad(round) + ".json";
    }

    /** The prefix of every member file of {@code round}. */
    static String memberPrefix(long round) {
        return "member-" + pad(round) + "-";
    }

    /** One name per (round, machine, source): the source is hashed, since a path is no file name. */
    static String memberFile(long round, String machine, String source) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(source.getBytes(StandardCharsets.UTF_8));
            return memberPrefix(round) + machine + "-" + HexFormat.of().formatHex(h, 0, 8) + ".json";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The round number in a file name such as {@code round-0000000012.json}. */
    static long roundOf(String name) {
        return Long.parseLong(name.substring(name.indexOf('-') + 1, name.indexOf('.')));
    }

    /** Zero-padded, so names sort by round. */
    private static String pad(long round) {
        return String.format("%010d", round);
    }

    /** Where a file is, as messages name it. */
    static String where(String group, String name) {
        return "groups/" + group + "/" + name;
    }

    static void checkName(String group) {
        if (!Handle.isSegment(group) || group.length() > 64) {
            throw new RepositoryException(Kind.USAGE, "bad group name \"" + group
                    + "\": use letters, digits, '.', '_' and '-' (at most 64, not starting with '.')");
        }
    }

    // ---- reads

    GroupDefinition readDefinition(String group, String name) {
        return GroupFiles.definition(where(group, name), read(group, name));
    }

    GroupRound readRound(String group, String name) {
        return GroupFiles.round(where(group, name), read(group, name));
    }

    MemberPoint readMember(String group, String name) {
        return GroupFiles.member(where(group, name), read(group, name));
    }

    GroupFiles.Formed readPoint(String group, String name) {
        return GroupFiles.point(where(group, name), read(group, name));
    }

    /** The member points recorded for {@code round}, in name order. */
    List<MemberPoint> members(String group, long round) {
        List<MemberPoint> out = new ArrayList<>();
        for (String name : files(group, memberPrefix(round))) {
            out.add(readMember(group, name));
        }
        return out;
    }

    /** The names of the groups that have files, sorted. */
    List<String> groups() {
        return list().stream().map(n -> n.substring(0, n.indexOf('/'))).distinct().toList();
    }

    /** The names (without the group folder) of the group's files that start with {@code prefix}, sorted. */
    List<String> files(String group, String prefix) {
        String folder = group + "/";
        return list().stream().filter(n -> n.startsWith(folder + prefix)).map(n -> n.substring(folder.length())).toList();
    }

    boolean exists(String group, String name) {
        try {
            return backend.size(handle(group, name)).isPresent();
        } catch (IOException e) {
            throw storage("read " + where(group, name), e);
        }
    }

    private byte[] read(String group, String name) {
        try {
            return backend.read(handle(group, name));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new NotFoundException(where(group, name) + " is missing from " + backend.location());
        } catch (IOException e) {
            throw storage("read " + where(group, name), e);
        }
    }

    private List<String> list() {
        try {
            return backend.list(FileType.GROUPS);
        } catch (IOException e) {
            throw storage("list the consistency groups", e);
        }
    }

    // ---- writes

    /** Creates the file unless it exists: false when another process created it first. */
    boolean create(String group, String name, byte[] data) {
        try {
            return backend.create(handle(group, name), data);
        } catch (IOException e) {
            throw storage("write " + where(group, name), e);
        }
    }

    void delete(String group, String name) {
        try {
            backend.delete(handle(group, name));
        } catch (IOException e) {
            throw storage("delete " + where(group, name), e);
        }
    }

    private static Handle handle(String group, String name) {
        return new Handle(FileType.GROUPS, group + "/" + name);
    }

    private RepositoryException storage(String what, IOException e) {
        return new RepositoryException(Kind.FAILED, "cannot " + what + " in " + backend.location() + ": " + e, e);
    }
}
