package io.lifeboat.readiness.hive;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the log replay fuzzer's seed (run by hand: java -cp ... FuzzSeeds DIR). Not a test. */
final class FuzzSeeds {
    private FuzzSeeds() {
    }

    public static void main(String[] args) throws Exception {
        byte[] v1 = LogReplayTest.image(1, 0);
        byte[] v2 = LogReplayTest.image(2, 0);
        byte[] v3 = LogReplayTest.image(3, 0);
        byte[] primary = LogReplayTest.dirty(v1);
        byte[] log = LogReplayTest.newLog(primary, LogReplayTest.SEQ, LogReplayTest.entry(v1, v2, LogReplayTest.SEQ),
                LogReplayTest.entry(v2, v3, LogReplayTest.SEQ + 1));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(primary.length).array());
        out.writeBytes(primary);
        out.writeBytes(log);
        Files.write(Path.of(args[0], "dirty-hive-and-log"), out.toByteArray());
    }
}
