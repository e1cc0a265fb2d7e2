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
    assertThat(summary).isEqualTo(new ImportSummary("feed.jsonl", 3, 2, 0, 1));
    assertThat(summary.toString()).isEqualTo("feed.jsonl: 3 read, 2 sent, 1 rejected");
  }
}
