package io.lifeboat.readiness.reg;

import io.lifeboat.readiness.registry.RegistryEdit;
import java.util.List;

/**
 * A parsed .reg file: the edits it makes, in file order, and what the reader had to say about it.
 * A file with {@link #errors()} must not be imported as if it were whole: {@link #requireClean()}.
 *
 * @param source   the name used in messages (file path)
 * @param encoding "UTF-16LE", "UTF-8" or "windows-1252"
 */
public record RegFile(String source, RegFormat format, String encoding, List<RegistryEdit> edits,
        List<RegProblem> errors, List<RegProblem> notices) {

    public RegFile {
        edits = List.copyOf(edits);
        errors = List.copyOf(errors);
        notices = List.copyOf(notices);
    }

    /** This file, or a {@link RegFileException} listing every malformed line with its number. */
    public RegFile requireClean() {
        if (!errors.isEmpty()) {
            throw new RegFileException(source, errors);
        }
        return this;
    }
}
