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

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    @Test
    void gathersTheViewsInOrderOutsideTheHeapWithoutMovingThem() {
        byte[] a = new byte[5000];
        new Random(1).nextBytes(a);
        ByteBuffer header = ByteBuffer.wrap(new byte[] {'L', 'B', 'B', '1'});
        List<ByteBuffer> views = List.of(header, view(a, 10, 4000), view(a, 0, 10));
        ByteBuffer out = new DirectBodies().gather(views);
        assertThat(out.isDirect()).isTrue();
        byte[] expected = new byte[4014];
        System.arraycopy(new byte[] {'L', 'B', 'B', '1'}, 0, expected, 0, 4);
        System.arraycopy(a, 10, expected, 4, 4000);
        System.arraycopy(a, 0, expected, 4004, 10);
        assertThat(bytes(out)).isEqualTo(expected);
        assertThat(views).allSatisfy(v -> assertThat(v.position()).as("a retry gathers them again").isZero());
    }

    @Test
    void aBufferGivenBackServesTheNextBodyAndATooSmallOneIsReplaced() {
        DirectBodies pool = new DirectBodies();
        ByteBuffer first = pool.gather(List.of(ByteBuffer.wrap(new byte[100])));
        pool.give(first);
        ByteBuffer second = pool.gather(List.of(ByteBuffer.wrap(new byte[] {1, 2, 3})));
        assertThat(second).isSameAs(first);
        assertThat(bytes(second)).containsExactly(1, 2, 3);
        pool.give(second);
        ByteBuffer big = pool.gather(List.of(ByteBuffer.wrap(new byte[3 << 20])));
        assertThat(big).isNotSameAs(first);
        assertThat(big.remaining()).isEqualTo(3 << 20);
    }

    @Test
    void aBufferNotGivenBackIsNeverHandedOutAgain() {
        DirectBodies pool = new DirectBodies();
        ByteBuffer failed = pool.gather(List.of(ByteBuffer.wrap(new byte[10])));
        ByteBuffer next = pool.gather(List.of(ByteBuffer.wrap(new byte[10])));
        assertThat(next).isNotSameAs(failed); // a request that failed may still be written from
    }

    @Test
    void aBufferLargerThanABatchIsNotKept() {
        DirectBodies pool = new DirectBodies(1);
        ByteBuffer huge = pool.gather(List.of(ByteBuffer.wrap(new byte[DirectBodies.LARGEST_KEPT + 1])));
        pool.give(huge);
        ByteBuffer next = pool.gather(List.of(ByteBuffer.wrap(new byte[10])));
        assertThat(next).isNotSameAs(huge);
        assertThat(next.capacity()).isLessThanOrEqualTo(DirectBodies.LARGEST_KEPT);
    }

    @Test
    void aPoolKeepsNoMoreBuffersThanItWasMadeFor() {
        DirectBodies pool = new DirectBodies(1);
        ByteBuffer a = pool.gather(List.of(ByteBuffer.wrap(new byte[10])));
        ByteBuffer b = pool.gather(List.of(ByteBuffer.wrap(new byte[10])));
        pool.give(a);
        pool.give(b); // one too many: left to the collector
        assertThat(pool.gather(List.of(ByteBuffer.wrap(new byte[10])))).isSameAs(a);
        ByteBuffer c = pool.gather(List.of(ByteBuffer.wrap(new byte[10])));
        assertThat(c).isNotSameAs(a).isNotSameAs(b);
    }
}
