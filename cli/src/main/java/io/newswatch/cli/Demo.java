package io.newswatch.cli;

import io.newswatch.avro.Level;
import io.newswatch.avro.Watch;
import io.newswatch.schemas.CompactedTopic;
import io.newswatch.enrich.gazetteer.Gazetteer;
import io.newswatch.ingest.article.ArticleParser;
import io.newswatch.ingest.file.ImportSummary;
import io.newswatch.ingest.file.JsonLinesImporter;
import io.newswatch.ingest.kafka.KafkaArticleSink;
import io.newswatch.schemas.Topics;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Properties;

/**
 * The bundled demo: six quiet days of Donbas coverage, then a dozen stories in three
 * hours about fighting in Kostiantynivka, in the spellings the press uses.
 */
final class Demo {
  static final String FEED = "demo/demo-feed.jsonl";
  static final long KOSTIANTYNIVKA = 705104L;

  private Demo() {}

  static Reader feed() {
    return new InputStreamReader(
        Objects.requireNonNull(Demo.class.getResourceAsStream(FEED), "demo feed missing from the build"),
        StandardCharsets.UTF_8);
  }

  /** Watches Kostiantynivka and sends the demo feed; returns what it did, in one line. */
  static String load(Properties clientProperties, Topics topics, Gazetteer gazetteer) throws IOException {
    String name = gazetteer.byId(KOSTIANTYNIVKA).map(p -> p.name()).orElse("Kostiantynivka");
    new CompactedTopic<>(clientProperties, topics.watchlist())
        .put(Long.toString(KOSTIANTYNIVKA), new Watch(KOSTIANTYNIVKA, name, Level.ELEVATED, Instant.now()));
    ImportSummary summary;
    try (Reader in = feed(); KafkaArticleSink sink = new KafkaArticleSink(clientProperties, topics)) {
      summary = new JsonLinesImporter(new ArticleParser(Clock.systemUTC())).importFrom("demo feed", in, sink);
    }
    return "demo: watching " + name + " (" + KOSTIANTYNIVKA + "); " + summary
        + ". Alerts appear here and at /api/alerts.";
  }
}
