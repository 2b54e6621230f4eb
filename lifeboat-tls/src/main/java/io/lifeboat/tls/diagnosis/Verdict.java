package io.lifeboat.tls.diagnosis;

import java.util.List;

/** What the classifier concluded from one connection attempt. A closed family. */
public sealed interface Verdict {

    /** The link works end to end; {@code notes} say what was seen (version, suite, HTTP status). */
    record Healthy(List<String> notes) implements Verdict {
        public Healthy {
            notes = List.copyOf(notes);
        }
    }

    /** A cause was found. */
    record Diagnosed(Diagnosis diagnosis) implements Verdict {
    }

    /** The attempt failed in a way no rule explains; {@code evidence} is what was seen. */
    record Unclassified(List<String> evidence) implements Verdict {
        public Unclassified {
            evidence = List.copyOf(evidence);
        }
    }
}
