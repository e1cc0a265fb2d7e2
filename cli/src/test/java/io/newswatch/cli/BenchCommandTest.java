package io.newswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.avro.RawArticle;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchCommandTest {
  @Test
  void benchEnrichReportsTaggingBesideTheNormaliseOnlyCeiling() {
    var r = CommandLineTest.run("bench", "enrich", "--seconds", "1", "--articles", "20");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("places loaded in", "heap after load", "articles: 20,")
        .containsPattern("normalise only: [\\d,]+ articles/s per core, p50 [\\d.]+ ms, p99 [\\d.]+ ms")
        .containsPattern("tag: +[\\d,]+ articles/s per core, .* = \\d+% of the normalise-only ceiling");
  }

  @Test
  void bundledArticlesAreThreeToFiveKilobytesAndTheSameEveryRun() {
    List<RawArticle> articles = BenchArticles.generate(50, 1);

    assertThat(articles).allSatisfy(a -> assertThat((a.getTitle() + a.getBody()).getBytes(StandardCharsets.UTF_8).length)
        .isBetween(BenchArticles.MIN_BYTES, BenchArticles.MAX_BYTES));
    assertThat(BenchArticles.generate(50, 1)).isEqualTo(articles);
  }

  @Test
  void badSettingsAreAOneLineUsageError() {
    var r = CommandLineTest.run("bench", "enrich", "--seconds", "0");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--seconds");
  }
}
