package io.lifeboat.tls.pki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Creating the files that hold keys and state with the right access, on every platform: mode 0600
 * (owner only) or 0644 where the file system is POSIX; on Windows, where POSIX modes do not exist, an
 * owner-only file gets an ACL with a single entry for the user creating it, set as the file is created
 * (so no other account can open it even for a moment); a readable one keeps the folder's ACL. Used by
 * the agent's and the vault's PEM files and by the vault's and agent's JSON state files.
 *
 * <p>Fails closed: where neither POSIX modes nor ACLs can be set, an owner-only file is refused.
 */
public final class FileAccess {
    /** How this file system lets a file be restricted. */
    enum Kind { POSIX, ACL, NONE }

    private FileAccess() {
    }

    static Kind kind(Set<String> supportedViews) {
        if (supportedViews.contains("posix")) {
            return Kind.POSIX;
        }
        return supportedViews.contains("acl") ? Kind.ACL : Kind.NONE;
    }

    /** Creates {@code file} (which must not exist) readable and writable by its owner only. */
    public static void createOwnerOnly(Path file) throws IOException {
        switch (kind(file.getFileSystem().supportedFileAttributeViews())) {
            case POSIX -> Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            case ACL -> {
                UserPrincipal me = file.getFileSystem().getUserPrincipalLookupService()
                        .lookupPrincipalByName(System.getProperty("user.name"));
                Files.createFile(file, acl(ownerOnlyAcl(me)));
            }
            default -> throw new IOException("cannot make " + file + " readable by its owner only: the file system"
                    + " supports neither POSIX modes nor ACLs");
        }
    }

    /** Creates {@code file} (which must not exist) readable by all: 0644 on POSIX, the folder's ACL elsewhere. */
    public static void createReadable(Path file) throws IOException {
        Files.createFile(file);
        if (kind(file.getFileSystem().supportedFileAttributeViews()) == Kind.POSIX) {
            // set after creation: a creation mode is cut by the umask
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    /** One ALLOW entry giving {@code owner} full use of the file, and nothing for anyone else. */
    static List<AclEntry> ownerOnlyAcl(UserPrincipal owner) {
        return List.of(AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(owner)
                .setPermissions(EnumSet.allOf(AclEntryPermission.class)).build());
    }

    /** The ACL as a creation attribute ("acl:acl", which the Windows file system provider takes). */
    static FileAttribute<List<AclEntry>> acl(List<AclEntry> entries) {
        return new FileAttribute<>() {
            @Override
            public String name() {
                return "acl:acl";
            }

            @Override
            public List<AclEntry> value() {
                return entries;
            }
        };
    }
}
