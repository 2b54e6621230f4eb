package io.lifeboat.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.repository.groups.MemberPoint;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The --to-map file: members to targets, every bad line named by its line number. */
class TargetMapTest {
    static final List<MemberPoint> MEMBERS = List.of(
            new MemberPoint("web-1", "web-1", "/srv/web.img", "p1", Instant.EPOCH),
            new MemberPoint("db-1:/dev/sdb", "db-1", "/dev/sdb", "p2", Instant.EPOCH));

    @Test
    void mapsEachMemberByItsNameOrItsMachineAndSource() {
        TargetMap m = TargetMap.parse("# shop\n\nweb-1:/srv/web.img = /dr/web.img\n  db-1:/dev/sdb=/dev/vg/db  \n", "shop.map");
        assertThat(m.targetsOf(MEMBERS)).containsExactly(Path.of("/dr/web.img"), Path.of("/dev/vg/db"));
    }

    @Test
    void refusesBadLinesNamingTheLine() {
        assertThatThrownBy(() -> TargetMap.parse("web-1 /dr/web.img\n", "m")).hasMessageContaining("m, line 1: expected MEMBER = TARGET");
        assertThatThrownBy(() -> TargetMap.parse("\nweb-1 =\n", "m")).hasMessageContaining("m, line 2: both the member and the target");
        assertThatThrownBy(() -> TargetMap.parse("a = /x\nb = /x\n", "m")).hasMessageContaining("line 2: target /x is also the target of a");
        assertThatThrownBy(() -> TargetMap.parse("a = /x\na = /y\n", "m")).hasMessageContaining("line 2: member a is mapped twice");
        assertThatThrownBy(() -> TargetMap.parse("bad/name = /x\n", "m")).hasMessageContaining("line 1: bad machine name");
        assertThatThrownBy(() -> TargetMap.parse("# nothing\n", "m")).hasMessageContaining("maps no member");
    }

    @Test
    void everyMemberNeedsATargetAndEveryLineAMember() {
        assertThatThrownBy(() -> TargetMap.parse("web-1 = /dr/web\nmail = /dr/mail\n", "m").targetsOf(MEMBERS))
                .hasMessageContaining("no target for db-1:/dev/sdb; not a member of the group point: mail");
    }
}
