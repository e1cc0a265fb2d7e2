package io.newswatch.ingest.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.avro.RawArticle;
import io.newswatch.ingest.ListSink;
import io.newswatch.ingest.article.ArticleParser;
import io.newswatch.schemas.AvroSerde;
import java.io.IOException;
import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Poison and garbage at the ingest boundary: a line is sent or rejected with a reason, what is
 * sent fits in one Kafka record, and the line after it is sent.
 */
class JsonLinesPoisonTest {
  private static final Instant NOW = Instant.parse("2025-11-21T00:00:00Z");
  /** Kafka's default largest record: a bigger one fails at send, and with it the import. */
  private static final int MAX_RECORD_BYTES = 1 << 20;
  private static final String NEXT = "{\"id\": \"next\", \"title\": \"Shelling in Kramatorsk\"}";

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "these bytes are not JSON|not JSON",
    "{\"title\": \"\", \"body\": \"\"}|no title and no body",
    "{\"title\": \" \", \"body\": \"\\t\\n\"}|no title and no body",
    "{\"title\": \"T\", \"publishedAt\": \"-999999999-01-01T00:00:00Z\"}|publishedAt is too far in the past",
    "{\"title\": \"T\", \"publishedAt\": \"0000-00-00T00:00:00Z\"}|publishedAt is not an ISO-8601",
  })
  void aBadLineIsRejectedWithItsReasonAndTheNextIsSent(String line, String reason) throws IOException {
    ListSink sink = importLines(line);

    assertThat(sink.rejections).singleElement().satisfies(r -> {
      assertThat(r.line()).isEqualTo(1);
      assertThat(r.reason()).startsWith(reason);
    });
    assertThat(sink.articles).extracting(RawArticle::getId).containsExactly("next");
  }

  @ParameterizedTest
  @ValueSource(ints = {ArticleParser.MAX_CHARS, 10 << 20})
  void anArticleTooLongForOneRecordIsRejected(int bodyChars) throws IOException {
    String body = "Кадри обстрілу Краматорська. ".repeat(bodyChars / 29 + 1);
    ListSink sink = importLines("{\"title\": \"Краматорськ\", \"body\": \"" + body + "\"}");

    assertThat(sink.rejections).singleElement().satisfies(r ->
        assertThat(r.reason()).startsWith("too long: ").endsWith("characters, at most " + ArticleParser.MAX_CHARS));
    assertThat(sink.articles).extracting(RawArticle::getId).containsExactly("next");
  }

  @ParameterizedTest
  @CsvSource({
    "1970-01-01T00:00:00Z, 1970-01-01T00:00:00Z, false",
    "2100-01-01T00:00:00Z, 2025-11-21T00:00:00Z, true",
    "+999999999-12-31T23:59:59Z, 2025-11-21T00:00:00Z, true",
  })
  void anAbsurdDateIsKeptWhenPastAndTakenForTheTimeOfIngestWhenFuture(String date, Instant stored, boolean estimated)
      throws IOException {
    ListSink sink = importLines("{\"id\": \"dated\", \"title\": \"T\", \"publishedAt\": \"" + date + "\"}");

    assertThat(sink.rejections).isEmpty();
    assertThat(sink.articles.get(0).getPublishedAt()).isEqualTo(stored);
    assertThat(sink.articles.get(0).getPublishedAtEstimated()).isEqualTo(estimated);
  }

  /** The line, then a valid one; every article sent is checked to fit in a record. */
  private static ListSink importLines(String line) throws IOException {
    ListSink sink = new ListSink();
    new JsonLinesImporter(new ArticleParser(Clock.fixed(NOW, ZoneOffset.UTC)))
        .importFrom("poison.jsonl", new StringReader(line + "\n" + NEXT + "\n"), sink);
    assertThat(sink.articles).allSatisfy(a ->
        assertThat(AvroSerde.of(RawArticle.class).toBytes(a).length).isLessThan(MAX_RECORD_BYTES));
    return sink;
  }
}
