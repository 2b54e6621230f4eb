package io.lifeboat.readiness.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.lifeboat.readiness.reg.RegFile;
import io.lifeboat.readiness.reg.RegFileReader;
import io.lifeboat.readiness.reg.RegFileWriter;
import io.lifeboat.readiness.registry.MutableRegistry;
import io.lifeboat.readiness.registry.RegistryEdit;
import io.lifeboat.readiness.registry.RegistryFormatException;
import java.util.List;
import org.junit.jupiter.api.Tag;

/**
 * The .reg reader on hostile bytes: it never throws (bad lines become errors with line numbers);
 * what it accepted can be applied, written back and read again to the same edits.
 */
@Tag("fuzz")
class RegFileFuzzTest {
    @FuzzTest(maxDuration = "2m")
    void regReader(byte[] data) {
        RegFile f = RegFileReader.read(data, "fuzz.reg");
        new MutableRegistry("fuzz").applyAll(f.edits());
        List<RegistryEdit> edits = f.edits();
        try {
            RegFile again = RegFileReader.read(RegFileWriter.write(edits, List.of()), "again.reg").requireClean();
            List<RegistryEdit> written = again.edits().stream().filter(e -> !(e instanceof RegistryEdit.CreateKey)).toList();
            List<RegistryEdit> meant = edits.stream().filter(e -> !(e instanceof RegistryEdit.CreateKey)).toList();
            if (!written.equals(meant)) {
                throw new IllegalStateException("write/read round trip changed the edits");
            }
        } catch (RegistryFormatException e) {
            throw new IllegalStateException("the writer produced a file the reader refuses: " + e.getMessage(), e);
        }
    }
}
