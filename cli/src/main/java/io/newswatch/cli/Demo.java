package io.newswatch.cli;

import io.newswatch.schemas.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newswatch.avro.Level;
import io.newswatch.avro.Watch;
import io.newswatch.schemas.CompactedTopic;
import io.newswatch.schemas.Json;
import io.newswatch.enrich.gazetteer.Gazetteer;
import io.newswatch.ingest.article.ArticleParser;
import io.newswatch.ingest.file.ImportSummary;
import io.newswatch.ingest.file.JsonLinesImporter;
import io.newswatch.ingest.kafka.KafkaArticleSink;
import io.newswatch.schemas.Topics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The bundled demo: six quiet days of Donbas coverage, then a dozen stories in three
 * hours about fighting in Kostiantynivka, in the spellings the press uses.
 *
 * <p>The feed is sent dated relative to the day it runs ({@link #datedFor}), so that its
 * alerts are as recent as the news that arrives after it; and only once per data directory
 * ({@link #load}), so that running {@code up --demo} again neither sends it twice nor resets
 * a watch the user changed.
 */
final class Demo {
  static final String FEED = "demo/demo-feed.jsonl";
  static final long KOSTIANTYNIVKA = 705104L;
  /** In the data directory: when the demo was sent there. */
  static final String LOADED_MARKER = "demo-loaded";

  private Demo() {}

  /** The feed as bundled, dated November 2025. */
  static Reader feed() {
    return new InputStreamReader(
        Objects.requireNonNull(Demo.class.getResourceAsStream(FEED), "demo feed missing from the build"),
        StandardCharsets.UTF_8);
  }

  /**
   * The feed moved forward by whole days, as far as it goes without its last article being
   * published after {@code now}: whole days keep each article's time of day, which the
   * detector's daily cycle reads, so every run raises the same alerts with the same text.
   */
  static Reader datedFor(Instant now) {
    List<ObjectNode> articles = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(feed())) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        articles.add((ObjectNode) Json.MAPPER.readTree(line));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("the bundled demo feed cannot be read", e);
    }
    Instant last = articles.stream().map(Demo::publishedAt).max(Instant::compareTo).orElseThrow();
    Duration shift = Duration.ofDays(Duration.between(last, now).toDays());
    return new StringReader(articles.stream()
        .map(a -> a.put("publishedAt", publishedAt(a).plus(shift).toString()).toString())
        .collect(Collectors.joining("\n", "", "\n")));
  }

  private static Instant publishedAt(ObjectNode article) {
    return Instant.parse(article.get("publishedAt").asText());
  }

  /**
   * Watches Kostiantynivka and sends the demo feed, unless it was sent from {@code dataDir}
   * before; returns what it did, in one line.
   */
  static String load(Properties clientProperties, Topics topics, Gazetteer gazetteer, Path dataDir, Clock clock)
      throws IOException {
    Path marker = dataDir.resolve(LOADED_MARKER);
    if (Files.exists(marker)) {
      return "demo: already sent from " + dataDir + " at " + Files.readString(marker).strip()
          + "; not sent again, and the watchlist is as you left it (delete " + marker + " to send it again).";
    }
    String name = gazetteer.byId(KOSTIANTYNIVKA).map(p -> p.name()).orElse("Kostiantynivka");
    new CompactedTopic<>(clientProperties, topics.watchlist())
        .put(Long.toString(KOSTIANTYNIVKA), new Watch(KOSTIANTYNIVKA, name, Level.ELEVATED, clock.instant()));
    // One ingest time for the whole feed: the detector then takes its articles in order of
    // publication, as it would a feed's poll, and not in an order that depends on which of them
    // the clock happened to stamp in the same millisecond.
    Clock sent = Clock.fixed(clock.instant(), ZoneOffset.UTC);
    ImportSummary summary;
    try (Reader in = datedFor(sent.instant()); KafkaArticleSink sink = new KafkaArticleSink(clientProperties, topics)) {
      summary = new JsonLinesImporter(new ArticleParser(sent)).importFrom("demo feed", in, sink);
    }
    Files.writeString(marker, clock.instant().truncatedTo(ChronoUnit.SECONDS) + "\n");
    return "demo: watching " + name + " (" + KOSTIANTYNIVKA + "); " + summary
        + ". Alerts appear here and at /api/alerts.";
  }
}
