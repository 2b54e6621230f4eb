package io.lifeboat.vault.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.repository.RetentionPolicy;
import io.lifeboat.repository.StoragePolicy;
import io.lifeboat.tls.LifeboatException;
import io.lifeboat.vault.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of the vault's state stores (machines, tokens, policy), run on the vault folder's files,
 * on a store in memory and on Azurite. Two {@link VaultState}s on one store stand for two vault nodes
 * (or the operator's command beside a running server).
 */
public abstract class VaultStateContractTest {
    protected final MutableClock clock = new MutableClock();
    protected VaultState node1;
    protected VaultState node2;

    /** A fresh, empty state. */
    protected abstract VaultState newState() throws Exception;

    /** Another view of the state {@link #newState} made last (another process or node). */
    protected abstract VaultState sameState() throws Exception;

    @BeforeEach
    void setUp() throws Exception {
        node1 = newState();
        node2 = sameState();
    }

    static IssuedCertificate cert(String fp, Instant notAfter) {
        return new IssuedCertificate(fp, "1", notAfter.minus(Duration.ofDays(30)), notAfter);
    }

    @Test
    void anEnrolmentThroughOneIsKnownToTheOtherAndARevocationToo() throws Exception {
        Instant later = clock.instant().plus(Duration.ofDays(30));
        node1.machines().enrolled("web01", cert("fp1", later));
        assertThat(node2.machines().check("web01", "fp1")).isEmpty();
        assertThat(node2.machines().check("web01", "other")).contains(MachineRegistry.Refusal.NOT_CURRENT);
        assertThat(node2.machines().check("db02", "fp1")).contains(MachineRegistry.Refusal.UNKNOWN);
        node2.machines().revoke("web01");
        assertThat(node1.machines().check("web01", "fp1")).contains(MachineRegistry.Refusal.REVOKED);
        assertThat(node1.machines().find("web01").orElseThrow().revoked()).isEqualTo(clock.instant());
    }

    @Test
    void renewalKeepsCurrentCertificatesAndDropsExpiredOnes() throws Exception {
        Instant now = clock.instant();
        node1.machines().enrolled("web01", cert("old", now.plus(Duration.ofDays(1))));
        clock.advance(Duration.ofDays(2));
        MachineRecord r = node2.machines().renewed("web01", cert("new", clock.instant().plus(Duration.ofDays(30))));
        assertThat(r.certificates()).extracting(IssuedCertificate::fingerprint).containsExactly("new");
        node1.machines().renewed("web01", cert("newer", clock.instant().plus(Duration.ofDays(31))));
        assertThat(node2.machines().find("web01").orElseThrow().certificates()).extracting(IssuedCertificate::fingerprint)
                .containsExactly("new", "newer");
        assertThatThrownBy(() -> node1.machines().renewed("ghost", cert("x", clock.instant().plusSeconds(60))))
                .isInstanceOf(LifeboatException.class).hasMessageContaining("not enrolled");
    }

    @Test
    void revokingAnUnknownMachineSaysSoAndWritesNothing() {
        assertThatThrownBy(() -> node1.machines().revoke("ghost")).isInstanceOf(LifeboatException.class)
                .hasMessageContaining("knows no machine 'ghost'");
        assertThat(node2.machines().list()).isEmpty();
    }

    @Test
    void listsEveryMachineByName() throws Exception {
        Instant later = clock.instant().plus(Duration.ofDays(30));
        for (String m : List.of("web", "web-1", "db")) {
            node1.machines().enrolled(m, cert(m, later));
        }
        node1.machines().revoke("web-1");
        assertThat(node2.machines().list()).extracting(MachineRecord::name).containsExactly("db", "web", "web-1");
    }

    @Test
    void concurrentRenewalsAndARevocationLoseNoChange() throws Exception {
        Instant later = clock.instant().plus(Duration.ofDays(30));
        node1.machines().enrolled("web01", cert("fp0", later));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int i = 1; i <= 6; i++) {
                VaultState via = i % 2 == 0 ? node1 : node2;
                String fp = "fp" + i;
                fs.add(pool.submit(() -> via.machines().renewed("web01", cert(fp, later))));
            }
            fs.add(pool.submit(() -> node2.machines().revoke("web01")));
            for (Future<?> f : fs) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        MachineRecord r = node1.machines().find("web01").orElseThrow();
        assertThat(r.status()).isEqualTo(MachineRecord.Status.REVOKED); // no renewal wrote over the revocation
        assertThat(r.certificates()).extracting(IssuedCertificate::fingerprint)
                .containsExactlyInAnyOrder("fp0", "fp1", "fp2", "fp3", "fp4", "fp5", "fp6");
    }

    @Test
    void aTokenRacedByBothIsSpentExactlyOnce() throws Exception {
        TokenStore.Issued t = node1.tokens().create("web01", Duration.ofHours(1));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger spent = new AtomicInteger();
        AtomicInteger refusedAsUsed = new AtomicInteger();
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                VaultState via = i % 2 == 0 ? node1 : node2;
                fs.add(pool.submit(() -> {
                    try {
                        via.tokens().redeem(t.record().id(), t.secret(), "web01");
                        spent.incrementAndGet();
                    } catch (TokenRefusedException e) {
                        if (e.code().equals("token_used")) {
                            refusedAsUsed.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(spent).hasValue(1);
        assertThat(refusedAsUsed).hasValue(7);
    }

    @Test
    void refusesExpiredWrongMachineWrongSecretAndUnknownWithoutBurningTheToken() throws Exception {
        TokenStore.Issued t = node1.tokens().create("web01", Duration.ofMinutes(10));
        String id = t.record().id();
        TokenStore other = node2.tokens();
        assertThatThrownBy(() -> other.redeem(id, t.secret(), "db02"))
                .hasMessageContaining("made for machine 'web01', not 'db02'")
                .extracting(e -> ((TokenRefusedException) e).code()).isEqualTo("token_wrong_machine");
        assertThatThrownBy(() -> other.redeem(id, t.secret() + "x", "web01"))
                .extracting(e -> ((TokenRefusedException) e).code()).isEqualTo("token_secret");
        assertThatThrownBy(() -> other.redeem("0123456789abcdef01234567", t.secret(), "web01"))
                .extracting(e -> ((TokenRefusedException) e).code()).isEqualTo("token_unknown");
        assertThatThrownBy(() -> other.redeem("../../etc/passwd", t.secret(), "web01"))
                .extracting(e -> ((TokenRefusedException) e).code()).isEqualTo("token_unknown");
        clock.advance(Duration.ofMinutes(11));
        assertThatThrownBy(() -> other.redeem(id, t.secret(), "web01"))
                .hasMessageContaining("expired")
                .extracting(e -> ((TokenRefusedException) e).code()).isEqualTo("token_expired");
    }

    @Test
    void thePolicyWrittenThroughOneIsReadByTheOther() throws Exception {
        assertThat(node2.policy().read()).isEqualTo(StoragePolicy.DEFAULT);
        StoragePolicy p = StoragePolicy.DEFAULT.withMachine("web01", RetentionPolicy.keepLast(3));
        node1.policy().write(p);
        assertThat(node2.policy().read()).isEqualTo(p);
        node2.policy().write(StoragePolicy.DEFAULT);
        assertThat(node1.policy().read()).isEqualTo(StoragePolicy.DEFAULT);
    }
}
