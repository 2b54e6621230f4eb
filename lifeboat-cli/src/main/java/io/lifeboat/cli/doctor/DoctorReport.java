package io.lifeboat.cli.doctor;

import io.lifeboat.tls.diagnosis.Diagnosis;
import io.lifeboat.tls.diagnosis.Verdict;
import java.io.PrintWriter;
import java.util.List;

/**
 * The doctor's report, as JSON (this record; the schema is documented in docs/troubleshooting.md)
 * and as text.
 *
 * @param target       HOST:PORT probed
 * @param status       "ok", "cause" or "unclassified"
 * @param cause        the cause id, or null
 * @param title        the cause in words, or null
 * @param evidence     what was seen (for "ok": what works)
 * @param fix          what to do, or null
 * @param likelyCauses ranked explanations for causes the evidence cannot pin down
 * @param exitCode     0, 3 or 1
 */
record DoctorReport(String target, String status, String cause, String title, List<String> evidence, String fix,
        List<String> likelyCauses, int exitCode) {

    static DoctorReport of(String target, Verdict verdict) {
        if (verdict instanceof Verdict.Diagnosed d) {
            Diagnosis g = d.diagnosis();
            return new DoctorReport(target, "cause", g.cause().name(), g.title(), g.evidence(), g.fix(),
                    g.likelyCauses(), io.lifeboat.cli.ExitCode.FINDINGS);
        }
        if (verdict instanceof Verdict.Healthy h) {
            return new DoctorReport(target, "ok", null, null, h.notes(), null, List.of(), io.lifeboat.cli.ExitCode.OK);
        }
        Verdict.Unclassified u = (Verdict.Unclassified) verdict;
        return new DoctorReport(target, "unclassified", null, null, u.evidence(),
                "No known cause fits what was seen: check the server's log at the time of this attempt, and run"
                        + " `lifeboat scan " + target + "` for what the server accepts.",
                List.of(), io.lifeboat.cli.ExitCode.ERROR);
    }

    void printText(PrintWriter out) {
        switch (status) {
            case "ok" -> out.println("doctor " + target + ": OK, the connection works end to end");
            case "cause" -> out.println("doctor " + target + ": " + cause + " - " + title);
            default -> out.println("doctor " + target + ": the connection failed, and no known cause fits");
        }
        out.println(status.equals("ok") ? "seen:" : "evidence:");
        evidence.forEach(line -> out.println("  - " + line));
        if (fix != null) {
            out.println("fix:");
            out.println("  " + fix);
        }
        if (!likelyCauses.isEmpty()) {
            out.println("likely causes, most likely first:");
            for (int i = 0; i < likelyCauses.size(); i++) {
                out.println("  " + (i + 1) + ". " + likelyCauses.get(i));
            }
        }
        out.flush();
    }
}
