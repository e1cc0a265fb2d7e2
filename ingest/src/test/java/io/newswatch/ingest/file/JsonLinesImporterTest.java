package io.newswatch.ingest.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.avro.RawArticle;
import io.newswatch.ingest.ListSink;
import io.newswatch.ingest.ListSink.Rejection;
import io.newswatch.ingest.article.ArticleParser;
import java.io.StringReader;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class JsonLinesImporterTest {
  @Test
  void aMalformedLineIsRejectedWithItsLineNumberAndTheRestGoOn() throws Exception {
    String input = """
        {"id": "1", "title": "First"}

        {"id": "2", "title":
        {"id": "3", "title": "Third"}
        """;
    ListSink sink = new ListSink();

    ImportSummary summary = new JsonLinesImporter(new ArticleParser(Clock.systemUTC()))
        .importFrom("feed.jsonl", new StringReader(input), sink);

    assertThat(sink.articles).extracting(RawArticle::getId).containsExactly("1", "3");
    assertThat(sink.rejections).singleElement().satisfies(r -> {
      assertThat(r.line()).isEqualTo(3);
      assertThat(r.origin()).isEqualTo("feed.jsonl");
      assertThat(r.input()).isEqualTo("{\"id\": \"2\", \"title\":");
      assertThat(r.reason()).startsWith("not JSON");
    });
    assertThat(summary.toString()).isEqualTo("feed.jsonl: 3 read, 2 sent, 1 rejected");
    assertThat(summary.report()).startsWith("feed.jsonl: 3 read, 2 sent, 1 rejected\nfeed.jsonl:3: not JSON");
  }

  @Test
  void aByteOrderMarkDoesNotSpoilTheFirstLine() throws Exception {
    ListSink sink = new ListSink();

    ImportSummary summary = new JsonLinesImporter(new ArticleParser(Clock.systemUTC()))
        .importFrom("bom.jsonl", new StringReader("\uFEFF{\"id\": \"1\", \"title\": \"First\"}\n"), sink);

    assertThat(summary.rejected()).isZero();
    assertThat(sink.articles).extracting(RawArticle::getId).containsExactly("1");
  }

  @Test
  void theReportNamesTheFirstTwentyRejectedLinesAndCountsTheRest() throws Exception {
    String input = "{broken\n".repeat(25) + "{\"id\": \"ok\", \"title\": \"Fine\"}\n";

    ImportSummary summary = new JsonLinesImporter(new ArticleParser(Clock.systemUTC()))
        .importFrom("many.jsonl", new StringReader(input), new ListSink());

    String[] lines = summary.report().split("\n");
    assertThat(lines).hasSize(22);
    assertThat(lines[1]).startsWith("many.jsonl:1: not JSON");
    assertThat(lines[20]).startsWith("many.jsonl:20: not JSON");
    assertThat(lines[21]).isEqualTo("... and 5 more rejected lines (all on the dead-letter topic, with their reasons)");
  }
}
