package io.newswatch.ingest.article;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalUrlTest {
  @ParameterizedTest
  @CsvSource({
    "HTTPS://Example.ORG/news/1?utm_source=x&id=7#top, https://example.org/news/1?id=7",
    "https://example.org:443/a?fbclid=abc&gclid=d, https://example.org/a",
    "http://example.org, http://example.org/",
    "http://example.org:8080/a?b=1, http://example.org:8080/a?b=1",
  })
  void copiesOfOneArticleShareOneUrl(String given, String canonical) {
    assertThat(CanonicalUrl.of(given)).isEqualTo(canonical);
  }

  @ParameterizedTest
  @CsvSource({"ftp://example.org/a", "file:///etc/passwd", "not a url", "/relative/path"})
  void onlyAbsoluteHttpUrlsHaveACanonicalForm(String given) {
    assertThat(CanonicalUrl.of(given)).isNull();
  }
}
