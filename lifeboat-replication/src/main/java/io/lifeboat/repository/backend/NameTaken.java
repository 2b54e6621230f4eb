package io.lifeboat.repository.backend;

import java.nio.file.FileAlreadyExistsException;

/**
 * What {@link Backend#publish} throws when a staged file's name already holds other bytes: the file
 * is not published (nothing is replaced), files listed before it are, files after it are not yet. The
 * caller may publish the rest without it, and publish it under another name ({@link Backend#renamed}).
 */
public final class NameTaken extends FileAlreadyExistsException {
    private static final long serialVersionUID = 1L;

    /** The staged file refused; not serialized (it names a temporary of this process). */
    private final transient Backend.Staged staged;

    public NameTaken(Backend.Staged staged, String location) {
        super(staged.handle() + " exists with other contents in " + location);
        this.staged = staged;
    }

    /** The staged file that was not published (still staged: publish it renamed, or discard it). */
    public Backend.Staged staged() {
        return staged;
    }
}
