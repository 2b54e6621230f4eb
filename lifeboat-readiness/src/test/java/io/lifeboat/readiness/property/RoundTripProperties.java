package io.lifeboat.readiness.property;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.readiness.hive.Hive;
import io.lifeboat.readiness.reg.RegFile;
import io.lifeboat.readiness.reg.RegFileReader;
import io.lifeboat.readiness.reg.RegFileWriter;
import io.lifeboat.readiness.registry.KeyPath;
import io.lifeboat.readiness.registry.MutableRegistry;
import io.lifeboat.readiness.registry.RegValue;
import io.lifeboat.readiness.registry.RegistryDump;
import io.lifeboat.readiness.registry.RegistryEdit;
import io.lifeboat.readiness.registry.RegistryFormatException;
import io.lifeboat.readiness.testkit.HiveWriter;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Properties of the readers and writers, in the default build (the Jazzer fuzzers run in -Pfuzz). */
class RoundTripProperties {

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().withCharRange(' ', '~').withChars('ä', 'ß', '€', '™', '"', '\\', '=', '[', ']')
                .ofMinLength(1).ofMaxLength(12).filter(s -> !s.isBlank() && !s.contains("\\") && s.strip().equals(s));
    }

    @Provide
    Arbitrary<String> valueNames() {
        return Arbitraries.strings().withCharRange(' ', '~').withChars('ä', '€', '"', '\\')
                .ofMinLength(0).ofMaxLength(12);
    }

    @Provide
    Arbitrary<RegValue> values() {
        Arbitrary<String> name = valueNames();
        Arbitrary<String> text = Arbitraries.strings().withCharRange(' ', '~').withChars('é', '€', '\\', '"').ofMaxLength(40);
        return Arbitraries.oneOf(
                Combinators.combine(name, Arbitraries.integers()).as(RegValue::dword),
                Combinators.combine(name, Arbitraries.longs()).as(RegValue::qword),
                Combinators.combine(name, text).as(RegValue::string),
                Combinators.combine(name, text.list().ofMaxSize(4)).as((n, l) -> RegValue.multiString(n,
                        l.stream().filter(x -> !x.isEmpty()).toList())),
                Combinators.combine(name, Arbitraries.integers().between(0, 20), Arbitraries.bytes().array(byte[].class).ofMaxSize(300))
                        .as((n, type, data) -> new RegValue(n, type, data)));
    }

    @Provide
    Arbitrary<RegistryEdit> edits() {
        Arbitrary<KeyPath> keys = names().list().ofMinSize(1).ofMaxSize(3)
                .map(parts -> KeyPath.parse("HKEY_LOCAL_MACHINE\\" + String.join("\\", parts)));
        return Arbitraries.oneOf(
                Combinators.combine(keys, values()).as(RegistryEdit.SetValue::new),
                keys.map(RegistryEdit.DeleteKey::new),
                Combinators.combine(keys, valueNames()).as(RegistryEdit.DeleteValue::new));
    }

    @Provide
    Arbitrary<List<RegistryEdit>> editLists() {
        return edits().list().ofMaxSize(25);
    }

    @Property(tries = 200)
    void regFilesReadBackExactlyWhatWasWritten(@ForAll("editLists") List<RegistryEdit> edits) {
        byte[] file = RegFileWriter.write(edits, List.of("a comment", "another; with = signs"));
        RegFile read = RegFileReader.read(file, "p.reg").requireClean();
        assertThat(read.edits().stream().filter(e -> !(e instanceof RegistryEdit.CreateKey)).toList()).isEqualTo(edits);
        assertThat(read.notices()).isEmpty();
    }

    @Property(tries = 100)
    void hivesParseBackToTheTreeTheyWereWrittenFrom(@ForAll("editLists") List<RegistryEdit> edits) {
        MutableRegistry reg = new MutableRegistry("p");
        reg.applyAll(edits);
        var hklm = reg.key(KeyPath.parse("HKEY_LOCAL_MACHINE"));
        if (hklm.isEmpty()) {
            return;
        }
        byte[] image = HiveWriter.write(hklm.get(), "P");
        Hive hive = Hive.parse("p", image);
        assertThat(sorted(RegistryDump.dump(hive.root(), "H"))).isEqualTo(sorted(RegistryDump.dump(hklm.get(), "H")));
    }

    /** Dumps compared as sets of lines per key (the hive stores subkeys sorted, the source in insertion order). */
    private static List<String> sorted(String dump) {
        List<String> blocks = new ArrayList<>(List.of(dump.split("\n(?=\\[)")));
        blocks.replaceAll(String::strip);
        blocks.sort(String::compareTo);
        return blocks;
    }

    @Property(tries = 300)
    void aDamagedHiveParsesOrFailsWithTheDocumentedException(@ForAll @IntRange(min = 0, max = 8191) int position,
            @ForAll byte value, @ForAll @IntRange(min = 1, max = 8) int width) {
        byte[] image = io.lifeboat.readiness.testkit.Fixtures.bytes("hives/win2019-ready/SOFTWARE");
        for (int i = 0; i < width && position + i < image.length; i++) {
            image[position + i] = value;
        }
        try {
            RegistryDump.dump(Hive.parse("damaged", image).root(), "H");
        } catch (RegistryFormatException expected) {
            assertThat(expected.getMessage()).contains("offset 0x");
        }
    }
}
