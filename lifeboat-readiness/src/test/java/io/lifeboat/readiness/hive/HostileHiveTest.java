package io.lifeboat.readiness.hive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.readiness.registry.KeyPath;
import io.lifeboat.readiness.registry.MutableRegistry;
import io.lifeboat.readiness.registry.RegValue;
import io.lifeboat.readiness.registry.RegistryDump;
import io.lifeboat.readiness.registry.RegistryEdit;
import io.lifeboat.readiness.testkit.HiveWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Damage a hostile file could carry: each one a HiveFormatException with an offset, never a hang or an OOM. */
class HostileHiveTest {
    static byte[] image() {
        MutableRegistry reg = new MutableRegistry("t");
        reg.apply(new RegistryEdit.SetValue(KeyPath.hklm("SOFTWARE\\ChildKey"), RegValue.dword("v", 1)));
        return HiveWriter.write(reg.key(KeyPath.hklm("SOFTWARE")).orElseThrow(), "T");
    }

    static int find(byte[] a, String s) {
        byte[] n = s.getBytes(StandardCharsets.ISO_8859_1);
        outer:
        for (int i = 0; i + n.length <= a.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (a[i + j] != n[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException(s);
    }

    @Test
    void aKeyThatNamesAnotherParentIsRefused() {
        byte[] img = image();
        int nk = find(img, "ChildKey") - 76;
        ByteBuffer.wrap(img).order(ByteOrder.LITTLE_ENDIAN).putInt(nk + 16, 0x1234);
        assertThatThrownBy(() -> RegistryDump.dump(Hive.parse("t", img).root(), "T"))
                .isInstanceOf(HiveFormatException.class).hasMessageContaining("names another parent")
                .hasMessageContaining("offset 0x");
    }

    @Test
    void aListThatRepeatsAKeyIsRefused() {
        MutableRegistry reg = new MutableRegistry("t");
        reg.apply(new RegistryEdit.CreateKey(KeyPath.hklm("SOFTWARE\\A")));
        reg.apply(new RegistryEdit.CreateKey(KeyPath.hklm("SOFTWARE\\B")));
        byte[] img = HiveWriter.write(reg.key(KeyPath.hklm("SOFTWARE")).orElseThrow(), "T");
        int lh = find(img, "lh\u0002\u0000");
        ByteBuffer b = ByteBuffer.wrap(img).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(lh + 12, b.getInt(lh + 4)); // the second entry names the first key again
        assertThatThrownBy(() -> Hive.parse("t", img).root().subkeyNames())
                .isInstanceOf(HiveFormatException.class).hasMessageContaining("names the same key twice");
    }

    @Test
    void hugeCountsAndLengthsAreRefusedBeforeAnyAllocation() {
        byte[] img = image();
        int vk = find(img, "vk");
        ByteBuffer b = ByteBuffer.wrap(img).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(vk + 4, 0x7ffffff0); // data size: 2 GB, in a data cell of a few bytes
        assertThatThrownBy(() -> RegistryDump.dump(Hive.parse("t", img).root(), "T"))
                .isInstanceOf(HiveFormatException.class).hasMessageContaining("offset 0x");
        byte[] img2 = image();
        int root = ByteBuffer.wrap(img2).order(ByteOrder.LITTLE_ENDIAN).getInt(36) + 4096 + 4;
        ByteBuffer.wrap(img2).order(ByteOrder.LITTLE_ENDIAN).putInt(root + 20, -1); // 4 billion subkeys
        assertThat(Hive.parse("t", img2).root().subkeyNames()).containsExactly("ChildKey");
    }
}
