package io.newswatch.enrich.topology;

import static io.newswatch.schemas.PoisonTestDriver.bytes;
import static io.newswatch.schemas.PoisonTestDriver.encode;
import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.avro.EnrichedArticle;
import io.newswatch.avro.RawArticle;
import io.newswatch.enrich.Enricher;
import io.newswatch.enrich.TestArticles;
import io.newswatch.enrich.gazetteer.Gazetteer;
import io.newswatch.enrich.text.ArticleText;
import io.newswatch.schemas.AvroSerde;
import io.newswatch.schemas.PoisonTestDriver;
import io.newswatch.schemas.Topics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Poison and garbage on the raw topic: each record is enriched or lands on the dead-letter
 * topic with a reason a person can read, and the articles after it are still enriched, once.
 */
class EnrichPoisonTest {
  /** Kafka's default largest record (max.request.size, message.max.bytes): a bigger one stops the stage. */
  private static final int MAX_RECORD_BYTES = 1 << 20;
  private final Topics topics = Topics.withPrefix("test.");
  @TempDir
  Path stateDir;
  private PoisonTestDriver<String, RawArticle> poison;
  private TestInputTopic<String, RawArticle> raw;
  private TestInputTopic<byte[], byte[]> rawBytes;
  private TestOutputTopic<String, EnrichedArticle> enriched;
  private TestOutputTopic<byte[], byte[]> deadLetters;

  @BeforeEach
  void start() {
    poison = new PoisonTestDriver<>(EnrichTopology.build(topics, Enricher.loadDefault()), "enrich-poison-test",
        topics, stateDir, topics.raw());
    raw = poison.input();
    rawBytes = poison.inputBytes();
    enriched = poison.output(topics.enriched());
    deadLetters = poison.deadLetters();
  }

  @AfterEach
  void stop() {
    poison.close();
  }

  @Test
  void bytesThatAreNotAvroAreDeadLettered() {
    rawBytes.pipeInput(bytes("poison"), bytes("these bytes are not Avro"));

    assertThat(deadLetterReason()).startsWith("not a readable RawArticle record");
    assertProcessingGoesOn();
  }

  @Test
  void aRecordWrittenWithAnUnknownSchemaIsDeadLettered() {
    Schema future = SchemaBuilder.record("RawArticle").namespace("io.newswatch.avro").fields()
        .requiredString("id").requiredString("headline").endRecord();
    GenericRecord article = new GenericData.Record(future);
    article.put("id", "from-the-future");
    article.put("headline", "A schema this version has never seen");
    rawBytes.pipeInput(bytes("from-the-future"), encode(future, article));

    assertThat(deadLetterReason()).contains("unknown schema");
    assertProcessingGoesOn();
  }

  @Test
  void anArticleWrittenWithoutAKeyIsEnrichedUnderItsId() {
    raw.pipeInput(null, TestArticles.raw("keyless", "Kramatorsk", "Shelling in Kramatorsk."));

    assertThat(enriched.readKeyValue().key).isEqualTo("keyless");
    assertProcessingGoesOn();
  }

  @Test
  void aTenMegabyteBodyIsCutAndEnriched() {
    String body = "Shelling was reported in Kramatorsk on Tuesday. ".repeat(10_000_000 / 48);
    raw.pipeInput("huge", TestArticles.raw("huge", "Kramatorsk under fire", body));

    EnrichedArticle out = enriched.readValue();
    assertThat(out.getTruncated()).isTrue();
    assertThat(out.getText().length()).isLessThanOrEqualTo(2 * ArticleText.MAX_CHARS);
    assertThat(TestArticles.placeIds(out)).contains(704508L);
    assertFitsInARecord(out);
    assertProcessingGoesOn();
  }

  @Test
  void anArticleNamingTenThousandPlacesIsEnrichedAndFitsInARecord() throws IOException {
    String body = String.join(", ", placeNames(10_000)) + ".";
    raw.pipeInput("everywhere", TestArticles.raw("everywhere", "Storms across the world", body));

    EnrichedArticle out = enriched.readValue();
    assertThat(out.getPlaces()).hasSizeGreaterThan(1_000);
    assertFitsInARecord(out);
    assertProcessingGoesOn();
  }

  @Test
  void anArticleWithAnEmptyTitleAndBodyIsEnrichedAsEmpty() {
    raw.pipeInput("empty", TestArticles.raw("empty", "", ""));

    EnrichedArticle out = enriched.readValue();
    assertThat(out.getId()).isEqualTo("empty");
    assertThat(out.getPlaces()).isEmpty();
    assertProcessingGoesOn();
  }

  @Test
  void anArticleFrom1970IsEnriched() {
    Instant epoch = Instant.parse("1970-01-01T00:00:00Z");
    raw.pipeInput("epoch", TestArticles.raw("epoch", "Kramatorsk", "Shelling in Kramatorsk.", epoch));

    assertThat(enriched.readValue().getPublishedAt()).isEqualTo(epoch);
    assertProcessingGoesOn();
  }

  /**
   * Ingest never writes one (it takes such a date for the time of ingest); believed, it would
   * end the copy check for every article published before it.
   */
  @Test
  void anArticlePublishedAfterItWasWrittenIsDeadLettered() {
    raw.pipeInput("future", TestArticles.raw("future", "Kramatorsk", "Shelling in Kramatorsk.",
        Instant.parse("2100-01-01T00:00:00Z")));

    assertThat(deadLetterReason()).startsWith("publishedAt 2100-01-01T00:00:00Z is later than the article was written");
    assertProcessingGoesOn();
  }

  /** A valid article, sent after the poison and then again, comes out tagged, once. */
  private void assertProcessingGoesOn() {
    RawArticle first = TestArticles.konstantinovka();
    raw.pipeInput(first.getId(), first);
    raw.pipeInput(first.getId(), first);

    List<EnrichedArticle> out = enriched.readValuesToList();
    assertThat(out).as("the repeat check still works").extracting(EnrichedArticle::getId).containsExactly(first.getId());
    assertThat(TestArticles.placeIds(out.get(0))).contains(705104L);
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  private String deadLetterReason() {
    String reason = poison.nextDeadLetterReason();
    assertThat(enriched.isEmpty()).as("dead-lettered, not enriched").isTrue();
    return reason;
  }

  private static void assertFitsInARecord(EnrichedArticle article) {
    assertThat(AvroSerde.of(EnrichedArticle.class).toBytes(article).length).isLessThan(MAX_RECORD_BYTES);
  }

  /** The first {@code count} distinct locality names of the bundled gazetteer. */
  private static List<String> placeNames(int count) throws IOException {
    Set<String> names = new LinkedHashSet<>();
    try (var in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
        Gazetteer.class.getResourceAsStream(Gazetteer.BUNDLED_RESOURCE)), StandardCharsets.UTF_8))) {
      in.readLine(); // header
      for (String line; names.size() < count && (line = in.readLine()) != null; ) {
        String[] fields = line.split("\t");
        if (fields[1].equals("locality")) {
          names.add(fields[2]);
        }
      }
    }
    return List.copyOf(names);
  }

}
