package io.newswatch.ingest.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newswatch.avro.RawArticle;
import io.newswatch.ingest.ListSink;
import io.newswatch.ingest.article.ArticleParser;
import java.io.StringReader;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvImporterTest {
  final ArticleParser parser = new ArticleParser(Clock.systemUTC());

  @Test
  void mappedColumnsBecomeArticleFieldsAndABadRowIsRejectedWithItsLine() throws Exception {
    String csv = """
        headline,link,date,text
        "Shelling in Kramatorsk, again",https://example.org/a?utm_source=x,2025-11-20T10:00:00Z,"Two lines
        of body"
        ,,not-a-date,body only
        """;
    ListSink sink = new ListSink();

    ImportSummary summary = new CsvImporter(parser, Map.of("title", "headline", "url", "link",
        "publishedAt", "date", "body", "text")).importFrom("export.csv", new StringReader(csv), sink);

    assertThat(summary.toString()).isEqualTo("export.csv: 2 read, 1 sent, 1 rejected");
    assertThat(sink.articles).extracting(RawArticle::getTitle, RawArticle::getUrl, RawArticle::getBody)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("Shelling in Kramatorsk, again", "https://example.org/a",
            "Two lines\nof body"));
    assertThat(sink.rejections).singleElement().satisfies(r -> {
      assertThat(r.line()).isEqualTo(4);
      assertThat(r.reason()).startsWith("publishedAt is not an ISO-8601");
    });
  }

  @Test
  void aHeaderWithoutTitleOrBodySaysHowToMapOne() {
    assertThatThrownBy(() -> new CsvImporter(parser, Map.of())
        .importFrom("x.csv", new StringReader("headline,link\nA,https://example.org/\n"), new ListSink()))
        .hasMessageStartingWith("the CSV header has no title or body column; map one with title=COLUMN");
  }

  @Test
  void anUnknownFieldInTheMappingIsRefused() {
    assertThatThrownBy(() -> new CsvImporter(parser, Map.of("headline", "title")))
        .hasMessageStartingWith("no article field headline");
  }

  @Test
  void aByteOrderMarkBeforeTheHeaderIsNoPartOfTheFirstColumnsName() throws Exception {
    String csv = "\uFEFFurl,title\nhttps://example.org/b,Shelling in Sloviansk\n";
    ListSink sink = new ListSink();

    new CsvImporter(parser, Map.of()).importFrom("bom.csv", new StringReader(csv), sink);

    assertThat(sink.articles).extracting(RawArticle::getUrl).containsExactly("https://example.org/b");
  }
}
