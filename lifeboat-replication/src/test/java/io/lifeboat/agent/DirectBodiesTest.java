package io.lifeboat.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DirectBodiesTest {
    private static ByteBuffer view(byte[] array, int offset, int length) {
        return ByteBuffer.wrap(array, offset, length).slice();
    }

    private static ByteBuffer direct(byte[] bytes) {
        return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    }

    private static byte[] bytes(List<ByteBuffer> views) {
        int n = 0;
        for (ByteBuffer v : views) {
            n += v.remaining();
        }
        ByteBuffer out = ByteBuffer.allocate(n);
        views.forEach(v -> out.put(v.duplicate()));
        return out.array();
    }

    @Test
    void heapViewsAreGatheredOutsideTheHeapInOrderWithoutMovingThem() {
        byte[] a = new byte[5000];
        new Random(1).nextBytes(a);
        ByteBuffer header = ByteBuffer.wrap(new byte[] {'L', 'B', 'B', '1'});
        List<ByteBuffer> views = List.of(header, view(a, 10, 4000), view(a, 0, 10));
        DirectBodies.Gathered out = new DirectBodies().gather(views);
        assertThat(out.views()).as("one run of heap views, one part").hasSize(1)
                .allSatisfy(v -> assertThat(v.isDirect()).isTrue());
        byte[] expected = new byte[4014];
        System.arraycopy(new byte[] {'L', 'B', 'B', '1'}, 0, expected, 0, 4);
        System.arraycopy(a, 10, expected, 4, 4000);
        System.arraycopy(a, 0, expected, 4004, 10);
        assertThat(bytes(out.views())).isEqualTo(expected);
        assertThat(out.length()).isEqualTo(4014);
        assertThat(views).allSatisfy(v -> assertThat(v.position()).as("a retry gathers them again").isZero());
    }

    @Test
    void viewsOutsideTheHeapAreSentWhereTheyLieBetweenGatheredHeapRuns() {
        byte[] body1 = new byte[3000];
        byte[] body2 = new byte[2000];
        new Random(2).nextBytes(body1);
        new Random(3).nextBytes(body2);
        ByteBuffer raw1 = direct(body1);
        ByteBuffer raw2 = direct(body2);
        List<ByteBuffer> views = List.of(ByteBuffer.wrap(new byte[] {1, 2}), ByteBuffer.wrap(new byte[] {3}), raw1,
                ByteBuffer.wrap(new byte[] {4, 5}), raw2, ByteBuffer.wrap(new byte[] {6}));
        DirectBodies.Gathered out = new DirectBodies().gather(views);
        assertThat(out.views()).hasSize(5).allSatisfy(v -> assertThat(v.isDirect()).isTrue());
        assertThat(out.views().get(1)).as("not copied: the same memory").satisfies(v -> {
            raw1.put(0, (byte) (body1[0] + 1));
            assertThat(v.get(0)).isEqualTo((byte) (body1[0] + 1));
            raw1.put(0, body1[0]);
        });
        ByteBuffer expected = ByteBuffer.allocate(3 + 3000 + 2 + 2000 + 1);
        expected.put(new byte[] {1, 2, 3}).put(body1).put(new byte[] {4, 5}).put(body2).put((byte) 6);
        assertThat(bytes(out.views())).isEqualTo(expected.array());
        assertThat(raw1.position()).isZero();
        assertThat(raw2.position()).isZero();
    }

    @Test
    void aBodyOutsideTheHeapAltogetherTakesNoPooledBuffer() {
        DirectBodies.Gathered out = new DirectBodies().gather(List.of(direct(new byte[] {7, 8})));
        assertThat(out.pooled()).isNull();
        assertThat(bytes(out.views())).containsExactly(7, 8);
    }

    @Test
    void aBufferGivenBackServesTheNextBodyAndATooSmallOneIsReplaced() {
        DirectBodies pool = new DirectBodies();
        DirectBodies.Gathered first = pool.gather(List.of(ByteBuffer.wrap(new byte[100])));
        pool.give(first);
        DirectBodies.Gathered second = pool.gather(List.of(ByteBuffer.wrap(new byte[] {1, 2, 3})));
        assertThat(second.pooled()).isSameAs(first.pooled());
        assertThat(bytes(second.views())).containsExactly(1, 2, 3);
        pool.give(second);
        DirectBodies.Gathered big = pool.gather(List.of(ByteBuffer.wrap(new byte[3 << 20])));
        assertThat(big.pooled()).isNotSameAs(first.pooled());
        assertThat(big.length()).isEqualTo(3 << 20);
    }

    @Test
    void aBufferNotGivenBackIsNeverHandedOutAgain() {
        DirectBodies pool = new DirectBodies();
        DirectBodies.Gathered writing = pool.gather(List.of(ByteBuffer.wrap(new byte[10])));
        DirectBodies.Gathered next = pool.gather(List.of(ByteBuffer.wrap(new byte[10])));
        assertThat(next.pooled()).isNotSameAs(writing.pooled()); // a body still being written is not reused
    }
}
