package io.lifeboat.tls.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Owner-only files on every platform. The POSIX branch runs on this file system; the Windows branch is
 * checked by its decision (a file system with ACLs and no POSIX modes, as Windows' is) and by the ACL it
 * sets, since no NTFS is at hand here.
 */
class FileAccessTest {
    @TempDir
    Path dir;

    @Test
    void posixFilesAre0600Or0644WhateverTheUmask() throws Exception {
        Path secret = dir.resolve("key.pem");
        Path open = dir.resolve("state.json");
        FileAccess.createOwnerOnly(secret);
        FileAccess.createReadable(open);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(open))).isEqualTo("rw-r--r--");
        assertThatThrownBy(() -> FileAccess.createOwnerOnly(secret)).isInstanceOf(FileAlreadyExistsException.class);
    }

    @Test
    void windowsStyleFileSystemsGetAnOwnerOnlyAclAndNoneRefusesASecret() {
        assertThat(FileAccess.kind(Set.of("basic", "owner", "dos", "acl", "user"))).isEqualTo(FileAccess.Kind.ACL);
        assertThat(FileAccess.kind(Set.of("basic", "owner", "posix", "unix"))).isEqualTo(FileAccess.Kind.POSIX);
        assertThat(FileAccess.kind(Set.of("basic"))).isEqualTo(FileAccess.Kind.NONE);

        UserPrincipal owner = () -> "HOST\\lifeboat";
        var acl = FileAccess.ownerOnlyAcl(owner);
        assertThat(acl).hasSize(1);
        assertThat(acl.get(0).type()).isEqualTo(AclEntryType.ALLOW);
        assertThat(acl.get(0).principal()).isSameAs(owner);
        assertThat(acl.get(0).permissions()).contains(AclEntryPermission.READ_DATA, AclEntryPermission.WRITE_DATA);
        assertThat(FileAccess.acl(acl).name()).isEqualTo("acl:acl");
        assertThat(FileAccess.acl(acl).value()).isEqualTo(List.copyOf(acl));
    }
}
