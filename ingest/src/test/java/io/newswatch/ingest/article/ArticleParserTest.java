package io.newswatch.ingest.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newswatch.avro.RawArticle;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArticleParserTest {
  static final Instant NOW = Instant.parse("2025-11-21T00:00:00Z");
  final ArticleParser parser = new ArticleParser(Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void readsTheContract() throws Rejected {
    RawArticle a = parser.parse("""
        {"id": "a1", "url": "https://example.org/news/123", "source": "example.org",
         "title": "Fighting erupts in Konstantinovka", "body": "<p>Text</p>",
         "publishedAt": "2025-11-20T14:05:00Z", "language": "en"}""");

    assertThat(a.getId()).isEqualTo("a1");
    assertThat(a.getTitle()).isEqualTo("Fighting erupts in Konstantinovka");
    assertThat(a.getPublishedAt()).isEqualTo(Instant.parse("2025-11-20T14:05:00Z"));
    assertThat(a.getLanguage()).isEqualTo("en");
    assertThat(a.getIngestedAt()).isEqualTo(NOW);
  }

  @Test
  void derivesTheIdFromTheCanonicalUrlSoTrackingCopiesShareIt() throws Rejected {
    RawArticle a = parser.parse("{\"url\": \"https://Example.org/n/1?utm_medium=rss\", \"title\": \"T\"}");
    RawArticle b = parser.parse("{\"url\": \"https://example.org/n/1\", \"title\": \"T (updated)\"}");

    assertThat(a.getId()).hasSize(16).isEqualTo(b.getId());
    assertThat(a.getSource()).isEqualTo("example.org");
    assertThat(a.getPublishedAt()).isEqualTo(NOW);
  }

  @Test
  void acceptsAnOffsetOtherThanUtc() throws Rejected {
    RawArticle a = parser.parse("{\"title\": \"T\", \"publishedAt\": \"2025-11-20T16:05:00+02:00\"}");

    assertThat(a.getPublishedAt()).isEqualTo(Instant.parse("2025-11-20T14:05:00Z"));
  }

  @ParameterizedTest
  @CsvSource({"javascript:alert(1)", "Link can be requested"})
  void keepsTheArticleButNotAUrlThatIsNotHttp(String url) throws Rejected {
    RawArticle a = parser.parse("{\"title\": \"T\", \"url\": \"" + url + "\"}");

    assertThat(a.getUrl()).isNull();
    assertThat(a.getTitle()).isEqualTo("T");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "{\"title\": |not JSON",
    "[1, 2]|not a JSON object",
    "{\"url\": \"https://e.org/1\"}|no title and no body",
    "{\"title\": \"T\", \"publishedAt\": \"yesterday\"}|publishedAt is not an ISO-8601",
    "{\"title\": 42}|title must be a string",
  })
  void rejectsWithAReasonAPersonCanAct(String json, String reason) {
    assertThatThrownBy(() -> parser.parse(json)).isInstanceOf(Rejected.class).hasMessageContaining(reason);
  }
}
