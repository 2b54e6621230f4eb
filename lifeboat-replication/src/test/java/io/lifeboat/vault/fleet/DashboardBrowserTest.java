package io.lifeboat.vault.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.agent.AgentLayout;
import io.lifeboat.repository.PointInfo;
import io.lifeboat.vault.ops.FleetReport;
import io.lifeboat.vault.ops.RpoThresholds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Acceptance 1: the dashboard in a real browser, signed in with a login URL. */
@Tag("integration")
class DashboardBrowserTest {
    @TempDir
    Path tmp;

    /** The page redraws its table in place, so a row found may be replaced before it is read: waits ignore that. */
    private static String health(ChromeDriver d, String machine) {
        for (int attempt = 1; ; attempt++) {
            try {
                return d.findElement(By.cssSelector("#fleet tr[data-machine='" + machine + "']")).getAttribute("data-health");
            } catch (StaleElementReferenceException e) {
                if (attempt == 5) {
                    throw e; // replaced five times in a row: not a redraw race
                }
            }
        }
    }

    @Test
    void signsInSeesTwoMachinesOpensOnesPointsAndSeesARefusedTls11Client() throws Exception {
        FleetLab.requireEngine();
        try (FleetLab lab = new FleetLab(tmp)) {
            AgentLayout web = lab.enrol("web-1");
            AgentLayout db = lab.enrol("db-1");
            PointInfo first = lab.protect(web, "disk.img", 1);
            lab.clock.advance(Duration.ofSeconds(1)); // the lab's clock stands still: order the two points
            PointInfo second = lab.protect(web, "disk.img", 2);
            lab.protect(db, "data.img", 3);
            ChromeDriver d = Browser.start();
            try {
                d.get(lab.loginUrl(Duration.ofMinutes(10)));
                assertThat(d.getCurrentUrl()).as("the secret left the address bar").endsWith("/ui/");
                assertThat(d.getTitle()).startsWith("Fleet");
                List<WebElement> rows = d.findElements(By.cssSelector("#fleet tbody tr"));
                assertThat(rows).extracting(r -> r.getAttribute("data-machine")).containsExactlyInAnyOrder("web-1", "db-1");
                assertThat(health(d, "web-1")).isEqualTo("ok");
                assertThat(health(d, "db-1")).isEqualTo("ok");
                String webRow = d.findElement(By.cssSelector("#fleet tr[data-machine='web-1']")).getText();
                assertThat(webRow).contains("ok").contains("TLSv1.").contains("disk.img");
                Path shot = Browser.screenshot(d, "fleet");
                assertThat(Files.size(shot)).isGreaterThan(1000);

                d.findElement(By.linkText("web-1")).click();
                new WebDriverWait(d, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class).until(x -> x.getCurrentUrl().endsWith("/ui/machines/web-1"));
                List<WebElement> points = d.findElements(By.cssSelector("#points tbody tr"));
                assertThat(points).extracting(r -> r.getAttribute("data-point"))
                        .containsExactly(second.id(), first.id());
                assertThat(points.get(0).findElement(By.cssSelector(".consistency")).getText())
                        .isEqualTo(second.consistency());

                assertThat(lab.legacyTls11Client()).isEqualTo(70);
                d.findElement(By.linkText("Refused clients")).click();
                new WebDriverWait(d, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class).until(x ->
                        !x.findElements(By.cssSelector("#refused tr[data-offered='TLSv1.1']")).isEmpty());
                String refused = d.findElement(By.cssSelector("#refused tbody tr")).getText();
                assertThat(refused).contains("127.0.0.1").contains("TLSv1.1").contains("lifeboat readiness");
            } finally {
                d.quit();
            }
        }
    }

    @Test
    void aMachineTurnsWarningOnThePageWhenItsThresholdPassesWithoutAReload() throws Exception {
        FleetLab.requireEngine();
        try (FleetLab lab = new FleetLab(tmp)) {
            AgentLayout web = lab.enrol("web-1");
            AgentLayout db = lab.enrol("db-1");
            lab.protect(web, "disk.img", 1);
            lab.protect(db, "data.img", 2);
            FleetReport.setThresholds(lab.vault, "web-1", new RpoThresholds(Duration.ofSeconds(20), Duration.ofHours(1)));
            ChromeDriver d = Browser.start();
            try {
                d.get(lab.loginUrl(Duration.ofMinutes(10)));
                assertThat(health(d, "web-1")).isEqualTo("ok");
                d.executeScript("window.lifeboatNoReload = 'still here';");

                lab.clock.advance(Duration.ofSeconds(21)); // past web-1's 20 s, far from db-1's 15 min
                new WebDriverWait(d, Duration.ofSeconds(60)).ignoring(StaleElementReferenceException.class).until(x -> "warning".equals(health(d, "web-1")));
                assertThat(health(d, "db-1")).isEqualTo("ok");
                assertThat(d.executeScript("return window.lifeboatNoReload;")).as("refreshed in place").isEqualTo("still here");
                assertThat(d.findElement(By.cssSelector("#fleet tr[data-machine='web-1'] .health")).getText())
                        .isEqualTo("warning");
                Browser.screenshot(d, "fleet-warning");

                // on a phone the page fits the screen: wide tables scroll inside their own box
                d.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
                Object overflow = d.executeScript(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
                assertThat(((Number) overflow).intValue()).as("page wider than a phone screen").isLessThanOrEqualTo(0);
                assertThat(d.findElement(By.cssSelector("#fleet tr[data-machine='web-1'] .health")).isDisplayed()).isTrue();
                Browser.screenshot(d, "fleet-phone");
            } finally {
                d.quit();
            }
        }
    }
}
