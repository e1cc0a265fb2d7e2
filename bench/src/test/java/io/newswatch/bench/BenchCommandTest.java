package io.newswatch.bench;

import static io.newswatch.cli.CommandLineTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.alerts.detector.Originals;
import io.newswatch.avro.RawArticle;
import io.newswatch.enrich.dedup.Fingerprint;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchCommandTest {
  @Test
  void benchEnrichReportsTaggingBesideTheNormaliseOnlyCeiling() {
    var r = run("bench", "enrich", "--seconds", "1", "--articles", "20");

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

  /**
   * Near-copies by the hundred would make the copy check look slower and busier than news
   * makes it: two generated articles lie about as far apart as two reports on one war (unrelated
   * texts lie 32 bits apart), and the copies it finds are the wire copies, one in ten.
   */
  @Test
  void benchArticlesDifferLikeNewsAndOneInTenIsAWireCopy() {
    List<RawArticle> articles = BenchArticles.generate(500, 1);
    long[] fingerprints = articles.stream().mapToLong(a -> Fingerprint.of(a.getBody())).toArray();
    List<Integer> distances = new ArrayList<>();
    int copies = 0;
    for (int i = 0; i < fingerprints.length; i++) {
      int nearest = Long.SIZE;
      for (int j = 0; j < i; j++) {
        int distance = Fingerprint.distance(fingerprints[i], fingerprints[j]);
        distances.add(distance);
        nearest = Math.min(nearest, distance);
      }
      copies += nearest <= Originals.MAX_DISTANCE ? 1 : 0;
    }
    Collections.sort(distances);

    assertThat(distances.get(distances.size() / 2)).as("median distance, bits").isBetween(25, 30);
    assertThat(copies).isBetween(30, 70);
  }

  @Test
  void badSettingsAreAOneLineUsageError() {
    var r = run("bench", "enrich", "--seconds", "0");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--seconds");
  }

  @Test
  void moreInstancesThanPartitionsIsAOneLineUsageError() {
    var r = run("bench", "e2e", "--instances", "3", "--partitions", "2");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo(
        "newswatch: --instances 3 needs --partitions 3 or more: an instance without a partition has nothing to do");
  }

  @Test
  void localBrokersAndANamedClusterAreAOneLineUsageError() {
    var r = run("bench", "e2e", "--brokers", "3", "--bootstrap-servers", "127.0.0.1:1");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().strip()).startsWith("newswatch: --brokers starts local brokers").doesNotContain("\n");
  }

  @Test
  void eachInstancesShareIsAPercentageOfWhatAllReadInBetween() {
    assertThat(BenchCommand.shares(new long[] {100, 50}, new long[] {1100, 3050})).isEqualTo("25% / 75%");
    assertThat(BenchCommand.shares(new long[] {0, 0}, new long[] {0, 0})).isEqualTo("0% / 0%");
  }
}
