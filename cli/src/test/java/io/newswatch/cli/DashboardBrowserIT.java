package io.newswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newswatch.web.HttpSettings;
import io.newswatch.alerts.detector.DetectorSettings;
import io.newswatch.alerts.http.HttpApi;
import io.newswatch.alerts.http.StoreAlertQueries;
import io.newswatch.alerts.watchlist.WatchFilter;
import io.newswatch.avro.Evidence;
import io.newswatch.avro.Level;
import io.newswatch.cli.broker.LocalBroker;
import io.newswatch.cli.pipeline.Stages;
import io.newswatch.cli.pipeline.StreamsApp;
import io.newswatch.cli.pipeline.TopicSetup;
import io.newswatch.cli.web.DashboardRoutes;
import io.newswatch.enrich.Enricher;
import io.newswatch.ingest.article.ArticleParser;
import io.newswatch.ingest.file.JsonLinesImporter;
import io.newswatch.ingest.kafka.KafkaArticleSink;
import io.newswatch.schemas.Json;
import io.newswatch.schemas.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in headless Chromium (driven through ChromeDriver's W3C WebDriver
 * protocol, no client library): it loads, an escalation pushed through the pipeline
 * appears without a reload, newest first, on the map at the place's level now and in its
 * timeline; the filters narrow what is shown; article text is shown as text, never run.
 * Screenshots go to target/.
 */
class DashboardBrowserIT {
  /** The demo's alerts: its thin feed rises straight to ESCALATING, then CRITICAL. */
  private static final int DEMO_ALERTS = 2;
  /** The only alerts instance: no other to ask, so its advertised address is never used. */
  private static final HostInfo ONE_INSTANCE = new HostInfo("localhost", 0);
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path dir;

  @Test
  void anEscalationAppearsLiveAndArticleTextStaysText() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM),
        "needs Debian's chromium and chromium-driver (.ci/run installs them)");
    int kafkaPort = LocalBroker.freePortPair();
    Topics topics = Topics.defaults();
    try (LocalBroker broker = LocalBroker.start(dir.resolve("kafka"), kafkaPort, kafkaPort + 1)) {
      Properties client = broker.clientProperties();
      TopicSetup.ensure(client, topics, 1, (short) 1);
      Enricher enricher = Enricher.loadDefault();
      try (StreamsApp enrich = Stages.startEnrich(client, topics, (short) 1, dir.resolve("state"), enricher);
           StreamsApp alerts = Stages.startAlerts(client, topics, (short) 1, dir.resolve("state"), DetectorSettings.defaults(),
               WatchFilter.none(), ONE_INSTANCE);
           HttpApi http = HttpApi.start(HttpSettings.loopback(0), alerts::isRunning, new StoreAlertQueries(alerts.streams(), ONE_INSTANCE),
               DashboardRoutes.of(client, topics, enricher.gazetteer(), WatchCommand::resolve));
           WebDriver browser = WebDriver.start(UpIT.freePort(), dir.resolve("chrome"))) {
        String page = "http://127.0.0.1:" + http.port() + "/";
        post(page + "api/watches", "{\"place\": \"705104\"}");

        await().atMost(Duration.ofSeconds(60)).until(alerts::isRunning);
        browser.open(page);
        // The page opens its stream once Chromium has started: slow on a loaded machine.
        await().atMost(Duration.ofSeconds(90)).until(() ->
            "live".equals(browser.script("return document.getElementById('connection').textContent")));
        await().atMost(Duration.ofSeconds(10)).until(() -> "Kostiantynivka".equals(
            browser.script("return document.querySelector('#watchlist li .name')?.textContent")));

        try (var in = Demo.feed(); var sink = new KafkaArticleSink(client, topics)) {
          new JsonLinesImporter(new ArticleParser(Clock.systemUTC())).importFrom("demo", in, sink);
        }
        await().atMost(Duration.ofSeconds(60)).until(() ->
            ((Number) browser.scriptValue("return document.querySelectorAll('#alerts li.alert').length")).intValue() >= DEMO_ALERTS);
        // newest first, each with its time
        assertThat(browser.script("return [...document.querySelectorAll('#alerts li.alert')].map(li => li.dataset.level).join()"))
            .isEqualTo("CRITICAL,ESCALATING");
        assertThat(browser.script("return [...document.querySelectorAll('#alerts li.alert > time')].map(t => t.textContent).join()"))
            .matches("2025-11-20 \\d\\d:\\d\\d,2025-11-20 \\d\\d:\\d\\d");
        // the place's level now, in the watchlist and on the map
        await().atMost(Duration.ofSeconds(20)).until(() ->
            "CRITICAL".equals(browser.script("return document.querySelector('#map g.place[data-place=\"705104\"]')?.dataset.level")));
        assertThat(browser.script("return document.querySelector('#watchlist li .level').textContent")).isEqualTo("CRITICAL");
        assertThat(browser.script("return document.querySelectorAll('#map path.country').length")).isNotEqualTo("0");
        // the timeline: the escalation's hours in the window, the quiet days before, the alerts marked
        await().atMost(Duration.ofSeconds(20)).until(() -> browser.script(
            "return [...document.querySelectorAll('#timeline rect.bar.in-window')].map(b => b.dataset.start.slice(0, 13)).join()")
            .equals("2025-11-20T06,2025-11-20T07,2025-11-20T08"));
        assertThat(browser.script("return [...document.querySelectorAll('#timeline rect.bar.in-window')].map(b => b.dataset.stories).join()"))
            .isEqualTo("4,4,4");
        assertThat(browser.script("return [...document.querySelectorAll('#timeline rect.bar:not(.in-window)')].map(b => b.dataset.start.slice(0, 10)).join()"))
            .isEqualTo("2025-11-16,2025-11-18");
        assertThat(browser.script("return [...document.querySelectorAll('#timeline .marker')].map(m => m.dataset.level).sort().join()"))
            .isEqualTo("CRITICAL,ESCALATING");
        assertThat(browser.script("return [...document.querySelectorAll('#timeline text')].map(t => t.textContent).join('|')"))
            .contains("Thu 20 Nov", "usual", "stories per hour");
        // every story of the window, the copy one outlet made of another's included, newest first
        assertThat(browser.script("return document.querySelectorAll('#place-stories li').length")).isEqualTo("13");
        assertThat(browser.script("return document.querySelector('#place-stories li time').textContent")).isEqualTo("2025-11-20 08:50");
        screenshot(browser, "dashboard-map.png", "#map-section");
        screenshot(browser, "dashboard-timeline.png", "#place-section");

        // a filter by level, and a search that finds nothing
        browser.script("const f = document.getElementById('filter-level'); f.value = 'CRITICAL'; f.dispatchEvent(new Event('change'))");
        assertThat(browser.script("return [...document.querySelectorAll('#alerts li.alert')].map(li => li.dataset.level).join()"))
            .isEqualTo("CRITICAL");
        assertThat(browser.script("return document.getElementById('alerts-count').textContent")).isEqualTo("1 of 2 alerts");
        screenshot(browser, "dashboard-filtered.png", "#alerts-section");
        browser.script("const s = document.getElementById('search'); s.value = 'kramatorsk'; s.dispatchEvent(new Event('input'))");
        assertThat(browser.script("return document.querySelectorAll('#alerts li.alert, #map g.place').length")).isEqualTo("0");
        browser.script("const s = document.getElementById('search'); s.value = 'KOSTIANTYNIVKA'; s.dispatchEvent(new Event('input'));"
            + "const f = document.getElementById('filter-level'); f.value = 'NORMAL'; f.dispatchEvent(new Event('change'))");
        assertThat(browser.script("return document.querySelectorAll('#alerts li.alert').length")).isEqualTo("2");
        browser.script("const s = document.getElementById('search'); s.value = ''; s.dispatchEvent(new Event('input'))");

        publishHostileAlert(client, topics);
        await().atMost(Duration.ofSeconds(30)).until(() ->
            ((Number) browser.scriptValue("return document.querySelectorAll('#alerts li.alert').length")).intValue() >= DEMO_ALERTS + 1);
        assertThat(browser.script("return String(window.pwned)")).isEqualTo("undefined");
        assertThat(browser.script("return document.querySelector('li[data-alert=\"hostile\"] .summary').textContent"))
            .isEqualTo("<img src=x onerror=\"window.pwned=1\"> in Kostiantynivka");
        assertThat(browser.script("return document.querySelectorAll('#alerts img').length")).isEqualTo("0");
        // a javascript: URL is no link, controls that reorder or hide text are gone, a long source wraps
        assertThat(browser.script("return document.querySelectorAll('li[data-alert=\"hostile\"] a').length")).isEqualTo("1");
        assertThat(browser.script("return document.querySelector('li[data-alert=\"hostile\"] a').href"))
            .isEqualTo("https://e.org/x");
        assertThat(browser.script("return String(/[\\u202A-\\u202E\\u2066-\\u2069\\u200B-\\u200F]/.test(document.body.textContent))"))
            .isEqualTo("false");
        assertThat(browser.script("return document.body.textContent")).contains("e.orglive.gro", "…");
        assertThat(((Number) browser.scriptValue("return document.documentElement.scrollWidth")).intValue())
            .isLessThanOrEqualTo(((Number) browser.scriptValue("return window.innerWidth")).intValue());

        // A client that reconnects with Last-Event-ID resumes after the event it last got.
        List<String[]> all = streamAfter(page + "api/alerts/stream", "0:0", DEMO_ALERTS + 1);
        assertThat(all.get(DEMO_ALERTS)[1]).contains("\"alertId\":\"hostile\"");
        List<String[]> resumed = streamAfter(page + "api/alerts/stream", all.get(0)[0], DEMO_ALERTS);
        assertThat(resumed).extracting(e -> e[1]).containsExactlyElementsOf(
            all.subList(1, DEMO_ALERTS + 1).stream().map(e -> e[1]).toList());

        // a watch by a name several places share, with a minimum level: the page offers the candidates
        browser.script("document.getElementById('watch-name').value = 'Konstantinovka';"
            + "document.getElementById('watch-level').value = 'CRITICAL';"
            + "document.getElementById('add-watch').requestSubmit()");
        await().atMost(Duration.ofSeconds(10)).until(() ->
            ((Number) browser.scriptValue("return document.querySelectorAll('#candidates button').length")).intValue() > 1);
        assertThat(browser.script("return document.getElementById('watch-error').textContent")).isEqualTo("'Konstantinovka' names several places; choose one");
        assertThat(browser.script("return document.querySelector('#candidates button[data-place=\"705104\"]').textContent"))
            .startsWith("Kostiantynivka (locality, Donetsk Oblast, UA;");
        screenshot(browser, "dashboard-candidates.png", "#watchlist-section");
        String chosen = browser.script("const b = document.querySelector('#candidates button:not([data-place=\"705104\"])');"
            + "b.click(); return b.dataset.place");
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.script(
            "return document.querySelector('#watchlist li[data-place=\"" + chosen + "\"]')?.textContent").contains("from CRITICAL"));
        assertThat(browser.script("return document.getElementById('candidates').hidden")).isEqualTo("true");

        screenshot(browser, "dashboard.png", "header");
      }
    }
  }

  /** Saves what the browser shows, scrolled to the element, under target/. */
  static void screenshot(WebDriver browser, String name, String selector) throws Exception {
    browser.script("document.querySelector('" + selector + "').scrollIntoView()");
    Path shot = Path.of("target", name);
    Files.write(shot, browser.screenshot());
    assertThat(shot).isNotEmptyFile();
  }

  static void publishHostileAlert(Properties client, Topics topics) throws Exception {
    var alert = WebhooksIT.alert("hostile", Level.CRITICAL);
    alert.setSummary("<img src=x onerror=\"window.pwned=1\"> in Kostiantynivka");
    alert.setEvidence(List.of(new Evidence("x", "<script>window.pwned=1</script>", "https://e.org/x", "e.org",
            Instant.parse("2025-11-20T09:00:00Z")),
        new Evidence("y", "Click for the video", "javascript:window.pwned=2", "e.org\u202Elive.gro",
            Instant.parse("2025-11-20T09:05:00Z"))));
    alert.setSources(List.of("x".repeat(20_000), "e.org\u202Elive.gro", "zero\u200Bwidth.example"));
    var topic = topics.alerts();
    try (var producer = new KafkaProducer<>(client, topic.keySerde().serializer(), topic.valueSerde().serializer())) {
      producer.send(new ProducerRecord<>(topic.name(), "705104", alert)).get();
    }
  }

  /** The first {@code n} alert events ({id, data}) of the stream, resumed after {@code lastEventId}. */
  static List<String[]> streamAfter(String url, String lastEventId, int n) throws Exception {
    var request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream")
        .header("Last-Event-ID", lastEventId).build();
    var lines = HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofLines()).get(10, TimeUnit.SECONDS).body();
    List<String[]> events = new java.util.ArrayList<>();
    String[] id = {null};
    try (lines) {
      lines.takeWhile(l -> events.size() < n).forEach(l -> {
        if (l.startsWith("id: ")) {
          id[0] = l.substring(4);
        } else if (l.startsWith("data: {")) {
          events.add(new String[] {id[0], l.substring(6)});
        }
      });
    }
    return events;
  }

  static JsonNode post(String url, String json) throws Exception {
    var response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
    return response.body().isEmpty() ? null : Json.MAPPER.readTree(response.body());
  }

  /** A headless Chromium session through ChromeDriver's HTTP protocol. */
  static final class WebDriver implements AutoCloseable {
    final Process driver;
    final String base;
    final String session;

    private WebDriver(Process driver, String base, String session) {
      this.driver = driver;
      this.base = base;
      this.session = session;
    }

    static WebDriver start(int port, Path profile) throws Exception {
      Process driver = new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + port)
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      String base = "http://127.0.0.1:" + port;
      await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() ->
          HTTP.send(HttpRequest.newBuilder(URI.create(base + "/status")).build(),
              HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
      ObjectNode caps = Json.MAPPER.createObjectNode();
      ObjectNode options = caps.putObject("capabilities").putObject("alwaysMatch").put("browserName", "chrome")
          .putObject("goog:chromeOptions").put("binary", CHROMIUM.toString());
      var args = options.putArray("args");
      for (String a : List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
          "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1200,900",
          "--user-data-dir=" + profile)) {
        args.add(a);
      }
      JsonNode created = post(base + "/session", caps.toString());
      return new WebDriver(driver, base, created.path("value").path("sessionId").asText());
    }

    void open(String url) throws Exception {
      post(base + "/session/" + session + "/url", Json.MAPPER.createObjectNode().put("url", url).toString());
    }

    Object scriptValue(String js) throws Exception {
      ObjectNode body = Json.MAPPER.createObjectNode().put("script", js);
      body.putArray("args");
      JsonNode value = post(base + "/session/" + session + "/execute/sync", body.toString()).path("value");
      return value.isNumber() ? value.numberValue() : value.asText();
    }

    String script(String js) throws Exception {
      return String.valueOf(scriptValue(js));
    }

    byte[] screenshot() throws Exception {
      var response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/session/" + session + "/screenshot")).build(),
          HttpResponse.BodyHandlers.ofString());
      return Base64.getDecoder().decode(Json.MAPPER.readTree(response.body()).path("value").asText());
    }

    @Override
    public void close() throws Exception {
      try {
        HTTP.send(HttpRequest.newBuilder(URI.create(base + "/session/" + session)).DELETE().build(),
            HttpResponse.BodyHandlers.discarding());
      } finally {
        driver.destroy();
        driver.waitFor();
      }
    }
  }
}
