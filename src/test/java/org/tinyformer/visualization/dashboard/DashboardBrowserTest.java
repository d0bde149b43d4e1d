package org.tinyformer.visualization.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pages as users see them, in headless Chromium (Debian's {@code chromium} and {@code
 * chromium-driver}, which {@code .ci/run} installs; without them these tests fail, they do not
 * skip). Screenshots go to {@code target/dashboard-screenshots/}.
 */
@Tag("slow")
class DashboardBrowserTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SHOTS = Path.of("target", "dashboard-screenshots");

  @TempDir static Path dir;
  static Path runs;
  static Dashboard dashboard;
  static ChromeDriver browser;

  @BeforeAll
  static void start() throws IOException {
    assertThat(CHROMIUM)
        .as("the browser tests need Debian's chromium: apt-get install -y chromium chromium-driver")
        .isExecutable();
    assertThat(CHROMEDRIVER)
        .as("the browser tests need chromedriver: apt-get install -y chromium-driver")
        .isExecutable();
    runs = FixtureRuns.make(dir);
    dashboard = Dashboard.start(DashboardOptions.of(runs));
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1400,1800");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    browser = new ChromeDriver(service, options);
    Files.createDirectories(SHOTS);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (dashboard != null) {
      dashboard.close();
    }
  }

  private static WebDriverWait waiting(int seconds) {
    return new WebDriverWait(browser, Duration.ofSeconds(seconds));
  }

  private static Object js(String script, Object... args) {
    return ((JavascriptExecutor) browser).executeScript(script, args);
  }

  private static void screenshot(String name) throws IOException {
    File shot = browser.getScreenshotAs(OutputType.FILE);
    Files.copy(
        shot.toPath(), SHOTS.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * The text of the first element matching {@code css}, read in the page: the pages re-render as
   * logs grow, so a WebElement found a moment earlier may already be stale.
   */
  private static String textOf(String css) {
    Object text =
        js("const e = document.querySelector(arguments[0]); return e ? e.innerText : '';", css);
    return text == null ? "" : text.toString();
  }

  private static int series(String chart) {
    String n = browser.findElement(By.id(chart)).getDomAttribute("data-series");
    return n == null ? -1 : Integer.parseInt(n);
  }

  private static List<WebElement> rows() {
    return browser.findElements(By.cssSelector("#runs tbody tr"));
  }

  @Test
  void runsTableShowsEveryRunAndComparesTheSelected() throws IOException {
    browser.get(dashboard.url());
    waiting(10).until(d -> rows().size() >= 3);
    for (String name : FixtureRuns.NAMES) {
      WebElement row =
          browser.findElement(By.cssSelector("#runs tbody tr[data-run='" + name + "']"));
      assertThat(row.findElement(By.cssSelector("td[data-key='steps']")).getText()).isEqualTo("12");
      assertThat(row.findElement(By.cssSelector("td[data-key='tokens']")).getText())
          .isEqualTo("384");
      assertThat(row.getText()).contains("finished");
    }
    WebElement modern =
        browser.findElement(By.cssSelector("#runs tbody tr[data-run='modern-gpt']"));
    assertThat(modern.getText()).contains("modern");
    browser.findElement(By.cssSelector("th[data-key='name']")).click(); // sort descending by name
    assertThat(rows().get(0).getDomAttribute("data-run")).isEqualTo("modern-gpt");
    screenshot("runs.png");
    for (String name : FixtureRuns.NAMES) {
      browser.findElement(By.cssSelector("tr[data-run='" + name + "'] input")).click();
    }
    browser.findElement(By.id("compare")).click();
    waiting(20).until(d -> series("chart-gradnorm") == 3);
    assertThat(series("chart-loss")).as("train and val loss of 3 runs").isEqualTo(6);
    assertThat(series("chart-val")).as("val loss and perplexity of 3 runs").isEqualTo(6);
    assertThat(series("chart-flops")).isEqualTo(3);
    assertThat(series("chart-lr")).isEqualTo(3);
    assertThat(series("chart-throughput")).isEqualTo(3);
    assertThat(browser.findElements(By.cssSelector("#chart-loss .u-legend .u-series")))
        .hasSize(7); // the x axis and 6 lines
    assertThat(browser.findElements(By.cssSelector("#summary tr[data-run]"))).hasSize(3);
    WebElement kind = browser.findElement(By.cssSelector("#config tr[data-key='model.kind']"));
    assertThat(kind.getDomAttribute("class")).isEqualTo("diff");
    WebElement steps = browser.findElement(By.cssSelector("#config tr[data-key='training.steps']"));
    assertThat(steps.getDomAttribute("class")).isEmpty();
    assertThat(
            browser
                .findElement(By.cssSelector("#config tr[data-key='data.tokenizer']"))
                .getDomAttribute("class"))
        .isEqualTo("diff");
    new Select(browser.findElement(By.id("axis"))).selectByValue("tokens");
    waiting(10)
        .until(
            d ->
                java.util.Objects.equals(
                    js("return TF_CHARTS['chart-loss'].axes[0].label"), "tokens"));
    screenshot("compare-3-runs.png");
  }

  @Test
  void aTrainingRunsNewLogLineShowsWithinTwoSeconds() throws IOException {
    Path live = runs.resolve("live");
    Files.createDirectories(live);
    Files.writeString(live.resolve("config.yaml"), "name: live\ntraining:\n  steps: 100\n");
    Path log = live.resolve("log.jsonl");
    StringBuilder sb = new StringBuilder();
    for (int step = 1; step <= 10; step++) {
      sb.append(trainLine(step));
    }
    Files.writeString(log, sb);
    browser.get(dashboard.url() + "compare.html?runs=live");
    waiting(10)
        .until(
            d ->
                java.util.Objects.equals(
                    js("return TF_CHARTS['chart-loss'] && TF_CHARTS['chart-loss'].data[0].length"),
                    10L));
    waiting(10).until(d -> textOf("#summary tr[data-run='live']").contains("running"));
    long started = System.nanoTime();
    Files.writeString(log, trainLine(11), StandardOpenOption.APPEND);
    waiting(5)
        .until(
            d ->
                java.util.Objects.equals(js("return TF_CHARTS['chart-loss'].data[0].length"), 11L));
    long millis = (System.nanoTime() - started) / 1_000_000;
    System.out.println(
        "dashboard live: a new log line showed in the browser after " + millis + " ms");
    assertThat(millis).isLessThan(2000);
    Files.writeString(log, trainLine(100), StandardOpenOption.APPEND);
    waiting(5).until(d -> textOf("#summary tr[data-run='live']").contains("finished"));
  }

  private static String trainLine(int step) {
    return String.format(
        java.util.Locale.ROOT,
        "{\"type\":\"train\",\"step\":%d,\"tokens\":%d,\"lr\":0.001,\"loss\":%.4f,\"grad_norm\":1.0,"
            + "\"tokens_per_sec\":1000.0,\"elapsed\":%.2f}%n",
        step,
        step * 64,
        4.0 / (1 + 0.1 * step),
        step * 0.1);
  }

  @Test
  void aTaskRunShowsCrossAttentionOnAHeldOutExample() throws IOException {
    Path taskRuns = dir.resolve("task-runs");
    DashboardTaskRunTest.train(taskRuns.resolve("reverse-encdec"), "encdec");
    try (Dashboard tasks = Dashboard.start(DashboardOptions.of(taskRuns))) {
      browser.get(tasks.url() + "run.html?run=reverse-encdec");
      waiting(10).until(d -> !d.findElement(By.id("summary")).getText().isEmpty());
      assertThat(browser.findElement(By.id("attPrompt")).getDomProperty("value")).isEmpty();
      browser.findElement(By.id("attGo")).click();
      waiting(20).until(d -> d.findElements(By.cssSelector("#attOut canvas.heatmap")).size() == 2);
      assertThat(js("return [...document.querySelectorAll('#attKind option')].map(o => o.value)"))
          .isEqualTo(List.of("cross", "encoder", "decoder"));
      assertThat(browser.findElement(By.id("attInput")).getText()).startsWith("reverse: ");
      assertThat(browser.findElement(By.id("sampling")).getText())
          .contains("an encoder-decoder task run maps a task input to its output");
      assertThat(browser.findElement(By.cssSelector("#attOut figcaption")).getText())
          .isEqualTo("layer 0 · head 0 · cross");
      js("document.getElementById('attention').scrollIntoView()");
      screenshot("attention-cross.png");
      new Select(browser.findElement(By.id("attKind"))).selectByValue("encoder");
      waiting(20)
          .until(
              d ->
                  "layer 0 · head 0 · encoder"
                      .equals(
                          js(
                              "const f = document.querySelector('#attOut figcaption');"
                                  + " return f ? f.textContent : '';")));
    }
  }

  @Test
  void insideARunShowsAttentionSamplingAndTokenLoss() throws IOException {
    browser.get(dashboard.url() + "run.html?run=char-gpt");
    waiting(10).until(d -> series("chart-live") == 2);
    WebElement prompt = browser.findElement(By.id("attPrompt"));
    prompt.clear();
    prompt.sendKeys("Once upon a time, Tom");
    browser.findElement(By.id("attGo")).click();
    waiting(20).until(d -> d.findElements(By.cssSelector("#attOut canvas.heatmap")).size() == 2);
    assertThat(js("return document.querySelectorAll('#attLayer option').length")).isEqualTo(2L);
    long inked =
        (Long)
            js(
                "const c = document.querySelector('#attOut canvas'); const d = c.getContext('2d')"
                    + ".getImageData(0, 0, c.width, c.height).data; let n = 0;"
                    + " for (let i = 0; i < d.length; i += 4) if (d[i] < 200) n++; return n;");
    assertThat(inked).as("coloured cells and labels").isGreaterThan(500);
    screenshot("attention-all-heads.png");
    new Select(browser.findElement(By.id("attHead"))).selectByValue("1");
    assertThat(browser.findElements(By.cssSelector("#attOut canvas.heatmap"))).hasSize(1);
    assertThat(browser.findElement(By.cssSelector("#attOut figcaption")).getText())
        .isEqualTo("layer 0 · head 1 · self");
    browser.findElement(By.id("attOut")).getLocation();
    js("document.getElementById('attention').scrollIntoView()");
    screenshot("attention-one-head.png");

    WebElement max = browser.findElement(By.id("samMax"));
    max.clear();
    max.sendKeys("12");
    browser.findElement(By.id("samGo")).click();
    waiting(20).until(d -> !d.findElement(By.id("samDone")).getText().isEmpty());
    assertThat(browser.findElements(By.cssSelector("#samOut span.token"))).hasSize(12);
    new Actions(browser)
        .moveToElement(browser.findElement(By.cssSelector("#samOut span.token")))
        .perform();
    assertThat(browser.findElement(By.id("tooltip")).getText()).startsWith("p = ").hasLineCount(6);
    js("document.getElementById('sampling').scrollIntoView()");
    screenshot("sampling.png");
    max.clear();
    max.sendKeys("501");
    browser.findElement(By.id("samGo")).click();
    waiting(10).until(d -> !d.findElement(By.id("samError")).getText().isEmpty());
    assertThat(browser.findElement(By.id("samError")).getText())
        .isEqualTo("sample: max_tokens must be between 1 and 500, got 501");

    browser.findElement(By.id("lossGo")).click();
    waiting(20).until(d -> !d.findElements(By.cssSelector("#lossOut span[data-loss]")).isEmpty());
    assertThat(browser.findElements(By.cssSelector("#lossOut span[data-loss]"))).hasSize(16);
    assertThat(browser.findElement(By.id("lossMean")).getText())
        .endsWith("of the validation split");
    js("document.getElementById('tokenLoss').scrollIntoView()");
    screenshot("token-loss.png");
  }

  @Test
  void exportedReportOpensFromFileWithoutNetwork() throws IOException {
    Path report = dir.resolve("report.html");
    ReportExport.write(List.of(runs), FixtureRuns.NAMES, report);
    browser.get(report.toUri().toString());
    waiting(10).until(d -> series("chart-gradnorm") == 3);
    assertThat(series("chart-loss")).isEqualTo(6);
    assertThat(series("chart-val")).isEqualTo(6);
    assertThat(series("chart-flops")).isEqualTo(3);
    assertThat(js("return performance.getEntriesByType('resource').length"))
        .as("nothing fetched")
        .isEqualTo(0L);
    new Select(browser.findElement(By.id("axis"))).selectByValue("time");
    waiting(10)
        .until(d -> js("return TF_CHARTS['chart-loss'].axes[0].label").equals("wall time (s)"));
    assertThat(series("chart-loss")).isEqualTo(6);
    screenshot("export.png");
  }
}
