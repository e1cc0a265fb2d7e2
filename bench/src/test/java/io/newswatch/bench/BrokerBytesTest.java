package io.newswatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BrokerBytesTest {
  @Test
  void perArticleNamesTheLargestTopicsWithoutThePrefixAndLumpsTheRest() {
    var before = new BrokerBytes(Map.of("p.raw", 1_000L), 0);
    var after = new BrokerBytes(Map.of("p.raw", 1_001_000L, "p.enriched", 2_000_000L, "__consumer_offsets", 30_000L),
        0);

    String line = after.since(before).perArticle(1_000, 4_000, "p.");

    assertThat(line).isEqualTo("3.0 KB written per article, 0.8x its 4.0 KB of title and body (leaders' appends, "
        + "no replicas): enriched 2.0 KB, raw 1.0 KB, other 0.0 KB");
  }

  @Test
  void perArticleSaysWhatFollowersCopied() {
    var written = new BrokerBytes(Map.of("raw", 1_000_000L), 2_000_000L);

    assertThat(written.perArticle(1_000, 4_000, "")).contains("followers copied 2.0 KB more");
  }
}
