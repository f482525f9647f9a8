package dev.awardsticker.launcher;

import dev.awardsticker.contract.ceremony.Category;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.ceremony.Nominee;
import dev.awardsticker.contract.ceremony.Person;
import dev.awardsticker.contract.record.RecordHolder;
import dev.awardsticker.contract.record.RecordReference;
import dev.awardsticker.gateway.GatewayConfig;
import dev.awardsticker.gateway.GatewayService;
import dev.awardsticker.ingest.importer.AnnouncedWin;
import dev.awardsticker.ingest.importer.CeremonyImport;
import dev.awardsticker.ingest.importer.CeremonyImportLoader;
import dev.awardsticker.ingest.importer.ReferenceRecordsLoader;
import dev.awardsticker.ingest.replay.ReplaySummary;
import dev.awardsticker.ingest.replay.Replayer;
import dev.awardsticker.testkit.KafkaBroker;
import dev.awardsticker.testkit.KafkaBrokerExtension;
import io.vertx.core.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The dashboard page in a real headless Chromium (Debian's chromium and chromedriver, never a downloaded browser)
 * against the real pipeline: the first 23 awards of the 74th Golden Globes are replayed while the page is open,
 * the page must show La La Land reaching 7 wins and the record alert; then the gateway the page is connected to
 * is killed, the rest of the ceremony is entered while it is down, a new gateway comes up on the same port and the
 * page must resume by itself and end with the true tallies. The page starts on another ceremony and the viewer
 * switches to GG74 with the ceremony picker. The final state is also checked at phone (390x844) and stage
 * (1920x1080) sizes. A second test feeds names that are HTML and script through ingest and checks the page shows
 * them as text and runs none of them. Screenshots go to {@code target/screenshots}.
 *
 * <p>Assertions read what a viewer sees (visible text of the DOM app.js renders), not the page's internals.
 */
@ExtendWith(KafkaBrokerExtension.class)
class DashboardBrowserIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final String EDITOR = "browser-editor";
    private static final String TOKEN = "browser-token-" + UUID.randomUUID();
    /** La La Land's 7th win, Best Motion Picture - Musical or Comedy, is the 23rd award announced. */
    private static final int RECORD_BREAKING_ORDER = 23;
    /** The lag line while live: "seq 195 · last update 85 ms after entry", or "seq 195 · 12 s behind". */
    private static final Pattern LIVE_LAG = Pattern.compile(
            "seq (\\d+) \u00b7 (last update [0-9.]+ (ms|s|min) after entry|[0-9.]+ (s|min) behind)");
    private static final Pattern RESUMED = Pattern.compile("resumed at seq (\\d+), (\\d+) missed updates? recovered");

    private Pipeline pipeline;
    private GatewayService gateway;
    private WebDriver browser;
    private Path profile;
    private Path screenshots;

    @BeforeEach
    void start(KafkaBroker broker) throws Exception {
        screenshots = Path.of(System.getProperty("basedir", ".")).resolve("target").resolve("screenshots");
        Files.createDirectories(screenshots);
        browser = startChromium();
        pipeline = Pipeline.start(new Pipeline.Settings(broker.bootstrapServers(), 0, 0,
                "browser-" + UUID.randomUUID(), EDITOR, TOKEN));
    }

    @AfterEach
    void stop() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (gateway != null) {
            gateway.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void thePageShowsTheRecordLiveAndResumesAfterTheGatewayRestarts() throws Exception {
        CeremonyImport ceremony = ownCeremony();
        String id = ceremony.definition().id();
        List<RecordReference> records = ReferenceRecordsLoader.before(
                CeremonyImportLoader.fromClasspath(CeremonyImportLoader.GOLDEN_GLOBES_74).definition()).stream()
                .map(r -> new RecordReference(ceremony.definition().award(), r.record(), r.value(), r.holders(), r.source()))
                .toList();
        List<AnnouncedWin> results = ceremony.results();
        int split = indexOfOrder(results, RECORD_BREAKING_ORDER) + 1;
        CeremonyImport firstPart = new CeremonyImport(ceremony.definition(), results.subList(0, split));
        CeremonyImport rest = new CeremonyImport(ceremony.definition(), results.subList(split, results.size()));

        // A gateway of our own on a fixed port, so that it can be killed and another one started where the page
        // will look for it (the pipeline's own gateway stays up, unused by the page).
        int port = freePort();
        gateway = join(GatewayService.start(pipeline.vertx(), GatewayConfig.of(pipeline.bootstrapServers(), port)));

        // Two ceremonies known before the page opens: it starts on the other one, the viewer picks GG74.
        Replayer replayer = new Replayer(pipeline.vertx(), pipeline.ingestUrl(), TOKEN, line -> {});
        CeremonyDefinition other = otherCeremony().definition();
        assertTrue(join(replayer.define(new CeremonyImport(other, List.of()), List.of())).succeeded());
        assertTrue(join(replayer.define(new CeremonyImport(ceremony.definition(), List.of()), List.of())).succeeded());
        browser.get("http://localhost:" + port + "/?ceremony=" + other.id());
        waitFor("the page to show the other ceremony", () -> "live".equals(badge())
                && other.title().equals(text("title")) && progress().startsWith("0 of "));
        waitFor("the picker to offer GG74", () -> picker().getOptions().stream()
                .anyMatch(o -> id.equals(o.getDomProperty("value"))));
        picker().selectByValue(id);
        waitFor("the page to switch to GG74 without a reload", () -> "live".equals(badge())
                && ceremony.definition().title().equals(text("title"))
                && progress().equals("0 of " + ceremony.definition().categories().size() + " categories decided")
                && browser.findElements(By.cssSelector("#categories h3")).size()
                        == ceremony.definition().categories().size());
        assertTrue(browser.getCurrentUrl().endsWith("?ceremony=" + id), () -> "url: " + browser.getCurrentUrl());
        assertEquals(id, picker().getFirstSelectedOption().getDomProperty("value"));
        assertTrue(browser.findElements(By.cssSelector("#categories h3")).stream()
                        .noneMatch(h -> other.category(h.getText()).isPresent() && ceremony.definition()
                                .category(h.getText()).isEmpty()),
                "no category of the other ceremony is left on the page");
        ReplaySummary first = join(replayer.replay(firstPart, records, Duration.ZERO));
        assertTrue(first.succeeded(), () -> "failures: " + first.failures());
        assertEquals(split, first.winsPosted());

        waitFor("La La Land at 7 wins and the RECORD BROKEN alert",
                () -> "7 wins / 7 nom.".equals(leaderboard().get("La La Land"))
                        && alertHeadlines().stream().anyMatch(h -> h.startsWith("RECORD BROKEN: La La Land wins 7")));
        screenshot("gg74-record-broken.png");
        waitFor("the lag line to show the last update's seq and delay", () -> LIVE_LAG.matcher(text("lag")).matches());
        List<String> alerts = alertHeadlines();
        assertTrue(alerts.get(0).startsWith("RECORD") || alerts.get(0).startsWith("PERFECT NIGHT"),
                () -> "the newest alert is on top: " + alerts);
        assertEquals(split + " of " + ceremony.definition().categories().size() + " categories decided", progress());

        // Kill the gateway under the open page; enter the rest of the ceremony while it is down.
        join(gateway.close());
        gateway = null;
        waitFor("the page to notice the gateway is gone", () -> "reconnecting".equals(badge()));
        waitFor("the lag line to count the time without the gateway",
                () -> text("lag").matches("seq \\d+ \u00b7 no word from the gateway for [0-9.]+ (ms|s)"));
        ReplaySummary second = join(replayer.replay(rest, List.of(), Duration.ZERO));
        assertTrue(second.succeeded(), () -> "failures: " + second.failures());
        assertEquals(results.size() - split, second.winsPosted());
        assertEquals(split + " of " + ceremony.definition().categories().size() + " categories decided", progress(),
                "nothing reaches the page while its gateway is down");

        // A new gateway on the same port: the page must come back on its own and resume (not start over).
        gateway = join(GatewayService.start(pipeline.vertx(), GatewayConfig.of(pipeline.bootstrapServers(), port)));
        waitFor("the page to resume on the new gateway", () -> "resumed".equals(badge()));
        int total = ceremony.definition().categories().size();
        waitFor("every winner and the final tallies",
                () -> progress().equals(results.size() + " of " + total + " categories decided")
                        && winners().size() == results.size()
                        && "1 win / 6 nom.".equals(leaderboard().get("Moonlight")));

        Map<String, String> board = leaderboard();
        assertEquals("7 wins / 7 nom.", board.get("La La Land"), () -> "leaderboard: " + board);
        assertEquals("1 win / 6 nom.", board.get("Moonlight"), () -> "leaderboard: " + board);
        assertTrue(board.getOrDefault("The Night Manager", "").startsWith("3 wins / "), () -> "leaderboard: " + board);
        assertEquals("La La Land", List.copyOf(board.keySet()).get(0), () -> "leaderboard order: " + board);
        // The standing is the Streams app's, merged from its deltas: its ranks, in its order.
        List<Integer> ranks = ranks();
        assertEquals(1, ranks.get(0), () -> "ranks: " + ranks);
        for (int i = 1; i < ranks.size(); i++) {
            assertTrue(ranks.get(i) >= ranks.get(i - 1), () -> "ranks in the Streams app's order: " + ranks);
        }

        List<String> shown = winners();
        for (AnnouncedWin win : results) {
            assertTrue(shown.stream().anyMatch(w -> w.equals(win.nominee()) || w.startsWith(win.nominee() + " (")),
                    () -> win.category() + ": " + win.nominee() + " not shown as a winner in " + shown);
        }

        List<String> finalAlerts = alertHeadlines();
        assertEquals(4, finalAlerts.size(), () -> "alerts: " + finalAlerts);
        for (String start : List.of("RECORD TIED: La La Land has 6 wins", "RECORD BROKEN: La La Land wins 7",
                "PERFECT NIGHT: La La Land wins all 7 of its 7 nominations", "YOUNGEST EVER: Damien Chazelle, 31")) {
            assertTrue(finalAlerts.stream().anyMatch(h -> h.startsWith(start)),
                    () -> "no alert starting '" + start + "' in " + finalAlerts);
        }
        assertTrue(List.of("live", "resumed").contains(badge()), () -> "connection: " + badge());

        // The seq shown is the gateway's latest for the ceremony; the resume note counts what was missed.
        waitFor("the lag line at the gateway's latest seq", () -> {
            Matcher lag = LIVE_LAG.matcher(text("lag"));
            return lag.matches() && Long.parseLong(lag.group(1)) == latestSeq(port, id);
        });
        Matcher resumed = RESUMED.matcher(text("catch-up"));
        assertTrue(resumed.matches(), () -> "resume note: " + text("catch-up"));
        assertTrue(Integer.parseInt(resumed.group(2)) > 0, () -> "resume note: " + text("catch-up"));
        Path last = screenshot("gg74-final.png");
        assertTrue(Files.size(last) > 0, () -> last + " is empty");

        atSize(390, 844, true);
        assertNoHorizontalOverflow("phone");
        screenshot("gg74-phone.png");
        atSize(1920, 1080, false);
        assertNoHorizontalOverflow("stage");
        screenshot("gg74-stage.png");

        // Alerts that arrived live glow, unless the viewer asked for less motion.
        JavascriptExecutor js = (JavascriptExecutor) browser;
        String animation = "return getComputedStyle(document.querySelector('#alerts li.fresh')).animationName";
        assertEquals("fresh", js.executeScript(animation));
        ((ChromeDriver) browser).executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-reduced-motion", "value", "reduce"))));
        assertEquals("none", js.executeScript(animation), "prefers-reduced-motion: reduce must stop the glow");
        // The keyboard moves from the picker (focused since the switch) to the first alert's source and back, and
        // the page shows where it is.
        String outline = "return getComputedStyle(document.activeElement).outlineStyle";
        new org.openqa.selenium.interactions.Actions(browser).sendKeys(org.openqa.selenium.Keys.TAB).perform();
        assertEquals("SUMMARY", js.executeScript("return document.activeElement.tagName"));
        assertEquals("solid", js.executeScript(outline), "a visible focus outline");
        new org.openqa.selenium.interactions.Actions(browser).keyDown(org.openqa.selenium.Keys.SHIFT)
                .sendKeys(org.openqa.selenium.Keys.TAB).keyUp(org.openqa.selenium.Keys.SHIFT).perform();
        assertEquals("ceremony-picker", js.executeScript("return document.activeElement.id"));
        assertEquals("solid", js.executeScript(outline), "a visible focus outline");

        // The record alert links to its record's history on the gateway. This GG74 carries no ids, so award-history
        // derives no record from it: the link answers the gateway's JSON 404 saying why, and the alert's panel shows
        // that (HistoryIT checks a history that holds the record, with its holders over time).
        String award = ceremony.definition().award();
        WebElement broken = browser.findElements(By.cssSelector("#alerts li")).stream()
                .filter(li -> li.findElement(By.cssSelector(".headline")).getText().startsWith("RECORD BROKEN"))
                .findFirst().orElseThrow();
        String href = broken.findElement(By.cssSelector("a.record-link")).getDomAttribute("href");
        assertEquals("/api/history/" + award + "/records?record=most-wins-single-work", href);
        java.net.http.HttpResponse<String> history = get(port, href);
        assertEquals(404, history.statusCode(), history::body);
        assertTrue(history.body().matches(".*\"parameter\":\"(award|record)\".*"), history::body);
        broken.findElement(By.cssSelector(".record-history summary")).click();
        waitFor("the alert's record history to say why there is none", () -> broken.findElement(
                By.cssSelector(".record-history")).getText().contains("history of " + award));
    }

    /**
     * Editors' names are data, never markup: a ceremony whose title, categories, nominees, works, people, studios and
     * record holders are HTML and script, entered through ingest like any other, with wins that give its work a
     * perfect night and a broken record. Every name must show literally and none may run or create an element.
     */
    @Test
    void namesThatLookLikeMarkupShowAsTextAndNeverRun() throws Exception {
        String img = "<img src=x onerror=\"window.__xss=1\">";
        String script = "<script>window.__xss=2</script>";
        String svg = "\"><svg onload=window.__xss=3>";
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String award = "xss-" + suffix;
        String work = img + " The Film";
        Person director = new Person(script + " Director", LocalDate.of(1990, 1, 1));
        List<Category> categories = List.of(
                new Category(img, List.of(new Nominee(svg, work, List.of(director), script),
                        new Nominee("Plain Rival", "Plain Work", List.of(), null))),
                new Category(script, List.of(new Nominee(work, work, List.of(), svg),
                        new Nominee("Other Rival", "Other Work", List.of(), null))),
                new Category(svg, List.of(new Nominee(director.name(), work, List.of(director), img),
                        new Nominee("Third Rival", "Third Work", List.of(), null))));
        String title = script + " Awards " + svg;
        CeremonyDefinition definition = new CeremonyDefinition("xss-" + suffix, award, title, 1,
                LocalDate.of(2017, 1, 8), img, categories);
        List<AnnouncedWin> wins = List.of(new AnnouncedWin(1, img, svg, null),
                new AnnouncedWin(2, script, work, null), new AnnouncedWin(3, svg, director.name(), null));
        List<RecordReference> records = List.of(new RecordReference(award, RecordReference.MOST_WINS, 2,
                List.of(new RecordHolder(svg + " Old Film", 1999, null)), img + " (source)"));

        Replayer replayer = new Replayer(pipeline.vertx(), pipeline.ingestUrl(), TOKEN, line -> {});
        ReplaySummary summary = join(replayer.replay(new CeremonyImport(definition, wins), records, Duration.ZERO));
        assertTrue(summary.succeeded(), () -> "failures: " + summary.failures());
        assertEquals(3, summary.winsPosted());

        browser.get("http://localhost:" + pipeline.gatewayPort() + "/?ceremony=" + definition.id());
        String perfect = "PERFECT NIGHT: " + work + " wins all 3 of its 3 nominations at the " + title;
        waitFor("every win and the alerts", () -> "3 of 3 categories decided".equals(progress())
                && alertHeadlines().contains(perfect)
                && alertHeadlines().stream().anyMatch(h -> h.startsWith("RECORD BROKEN: " + work + " wins 3")));

        assertEquals(title, textContent("#title"));
        assertEquals(title + " - live", browser.getTitle());
        assertEquals(List.of(img, script, svg), textContents("#categories h3"));
        List<String> winners = textContents("#categories li.winner");
        assertEquals(List.of(svg + " (" + work + ")", work, director.name() + " (" + work + ")"), winners);
        assertEquals(work, textContents("#leaderboard li .row span:first-child").get(0));
        assertEquals(title, textContents("#ceremony-picker option").stream().filter(title::equals).findFirst()
                .orElse(null), "the picker shows the title as text");
        List<String> sources = textContents("#alerts details div");
        assertTrue(sources.contains(img + " (source)"), () -> "alert sources: " + sources);
        assertTrue(textContents("#alerts .headline").stream().anyMatch(h -> h.contains(svg + " Old Film")),
                "the previous record holder shows as text");

        JavascriptExecutor js = (JavascriptExecutor) browser;
        assertEquals("undefined", js.executeScript("return typeof window.__xss"), "a payload ran");
        assertEquals(0L, js.executeScript("return document.querySelectorAll("
                + "'header img, header svg, header script, main img, main svg, main script').length"),
                "a payload became an element");
        assertEquals(1L, js.executeScript("return document.querySelectorAll('script').length"),
                "only app.js is a script");
        screenshot("xss-names-as-text.png");
    }

    // --- what the page shows -------------------------------------------------------------------------------------

    private String badge() {
        return browser.findElement(By.id("connection")).getText().strip();
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText().strip();
    }

    private Select picker() {
        return new Select(browser.findElement(By.id("ceremony-picker")));
    }

    /** Exact text as the DOM holds it (not as rendered), for comparing names character by character. */
    private String textContent(String css) {
        return browser.findElement(By.cssSelector(css)).getDomProperty("textContent");
    }

    private List<String> textContents(String css) {
        return browser.findElements(By.cssSelector(css)).stream().map(e -> e.getDomProperty("textContent")).toList();
    }

    /** Emulates a screen of that size (a phone: mobile viewport) without touching the window. */
    private void atSize(int width, int height, boolean mobile) {
        ((ChromeDriver) browser).executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
        JavascriptExecutor js = (JavascriptExecutor) browser;
        assertEquals((long) width, js.executeScript("return window.innerWidth"), "the emulated width");
    }

    private void assertNoHorizontalOverflow(String screen) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        Object widths = js.executeScript("return [document.documentElement.scrollWidth, window.innerWidth]");
        @SuppressWarnings("unchecked")
        List<Long> w = (List<Long>) widths;
        assertTrue(w.get(0) <= w.get(1), () -> "on the " + screen + " the page is " + w.get(0)
                + " px wide in a " + w.get(1) + " px window: something overflows sideways");
    }

    /** The gateway's latest seq for a ceremony, from its REST API. */
    private static long latestSeq(int port, String id) {
        java.net.http.HttpResponse<String> response = get(port, "/api/ceremonies/" + id);
        assertEquals(200, response.statusCode(), response::body);
        Matcher seq = Pattern.compile("\"seq\":(\\d+)").matcher(response.body());
        assertTrue(seq.find(), response::body);
        assertNotNull(seq.group(1));
        return Long.parseLong(seq.group(1));
    }

    private static java.net.http.HttpResponse<String> get(int port, String path) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://localhost:" + port + path)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String progress() {
        return browser.findElement(By.id("progress")).getText().strip();
    }

    /** Work name -> its visible tally ("7 wins / 7 nom."), in the order shown. */
    private Map<String, String> leaderboard() {
        Map<String, String> board = new LinkedHashMap<>();
        for (WebElement row : browser.findElements(By.cssSelector("#leaderboard li .row"))) {
            List<WebElement> cells = row.findElements(By.tagName("span"));
            board.put(cells.get(0).getText().strip(), cells.get(1).getText().strip());
        }
        return board;
    }

    /** The rank of each leaderboard row, in the order shown. */
    private List<Integer> ranks() {
        return browser.findElements(By.cssSelector("#leaderboard li[data-rank]")).stream()
                .map(e -> Integer.parseInt(e.getDomAttribute("data-rank"))).toList();
    }

    /** Alert headlines, newest first, as shown. */
    private List<String> alertHeadlines() {
        return browser.findElements(By.cssSelector("#alerts li .headline")).stream()
                .map(e -> e.getText().strip()).toList();
    }

    /** The visible text of every nominee marked as a winner (the star is CSS, not text). */
    private List<String> winners() {
        return browser.findElements(By.cssSelector("#categories li.winner")).stream()
                .map(e -> e.getText().replace("\u2605", "").strip()).toList();
    }

    private void waitFor(String what, java.util.function.BooleanSupplier condition) {
        try {
            new WebDriverWait(browser, WAIT, Duration.ofMillis(100)).withMessage("waiting for " + what)
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(driver -> condition.getAsBoolean());
        } catch (org.openqa.selenium.TimeoutException e) {
            Path shot = screenshot("gg74-timeout.png");
            throw new AssertionError("Timed out waiting for " + what + "; connection '" + badge() + "', progress '"
                    + progress() + "', leaderboard " + leaderboard() + ", alerts " + alertHeadlines()
                    + "; screenshot " + shot, e);
        }
    }

    /** The whole page, not just the window: the later alerts and the categories are below the fold. */
    private Path screenshot(String name) {
        try {
            ChromeDriver chromium = (ChromeDriver) browser;
            byte[] png;
            try {
                Map<String, Object> shot = chromium.executeCdpCommand("Page.captureScreenshot",
                        Map.of("format", "png", "captureBeyondViewport", true));
                png = Base64.getDecoder().decode((String) shot.get("data"));
            } catch (RuntimeException e) {
                png = chromium.getScreenshotAs(OutputType.BYTES); // the visible part at least
            }
            Path file = screenshots.resolve(name);
            Files.write(file, png);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not save the screenshot " + name, e);
        }
    }

    // --- set-up --------------------------------------------------------------------------------------------------

    /** Debian's chromium through Debian's chromedriver; never Selenium Manager, never a download. */
    private WebDriver startChromium() throws IOException {
        for (String file : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(Path.of(file))) {
                fail(file + " is missing: the browser tests need Debian's chromium and chromedriver. "
                        + "Run `bash .ci/run` (it installs them: apt-get install chromium chromium-driver).");
            }
        }
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER);
        profile = Files.createTempDirectory("dashboard-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--window-size=1280,1600");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    /** GG74 under a fresh ceremony id and a fresh award, so no other test's ceremony or records interfere. */
    private static CeremonyImport ownCeremony() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        CeremonyImport gg74 = CeremonyImportLoader.fromClasspath(CeremonyImportLoader.GOLDEN_GLOBES_74)
                .withCeremonyId("gg74-browser-" + suffix);
        CeremonyDefinition d = gg74.definition();
        return new CeremonyImport(new CeremonyDefinition(d.id(), "browser-" + suffix, d.title(), d.edition(), d.date(),
                d.broadcaster(), d.categories()), gg74.results());
    }

    /** The 89th Academy Awards under a fresh id and award: the ceremony the page starts on before the switch. */
    private static CeremonyImport otherCeremony() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        CeremonyDefinition d = CeremonyImportLoader.fromClasspath(CeremonyImportLoader.ACADEMY_AWARDS_89)
                .definition();
        return new CeremonyImport(new CeremonyDefinition("aa89-browser-" + suffix, "browser-aa-" + suffix, d.title(),
                d.edition(), d.date(), d.broadcaster(), d.categories()), List.of());
    }

    private static int indexOfOrder(List<AnnouncedWin> results, int order) {
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i).order() == order) {
                return i;
            }
        }
        throw new AssertionError("no award announced as number " + order);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static <T> T join(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
}
