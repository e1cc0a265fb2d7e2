package io.newswatch.cli;

import io.newswatch.avro.RawArticle;
import io.newswatch.enrich.text.ResourceLines;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * English news articles of 3-5 KB for {@code bench}, assembled from the bundled
 * sentences ({@code bench/sentences.txt}) by a seeded random draw: every run, on every
 * machine, reads the same text.
 */
final class BenchArticles {
  static final int MIN_BYTES = 3_000;
  static final int MAX_BYTES = 5_000;
  private static final int OUTLETS = 40;
  private static final Instant PUBLISHED = Instant.parse("2025-11-20T12:00:00Z");

  private BenchArticles() {}

  static List<RawArticle> generate(int count, long seed) {
    return stream(seed).limit(count).toList();
  }

  /**
   * As many articles as the caller takes, assembled as they are taken: a million of them need
   * not fit in memory. Forty outlets take turns, so the detector sees coverage from several.
   */
  static Stream<RawArticle> stream(long seed) {
    List<String> sentences = sentences();
    Random random = new Random(seed);
    return IntStream.iterate(0, i -> i + 1).mapToObj(i -> {
      int target = MIN_BYTES + random.nextInt(MAX_BYTES - MIN_BYTES - 300);
      StringBuilder body = new StringBuilder();
      while (body.length() < target) {
        body.append(sentences.get(random.nextInt(sentences.size())))
            .append(random.nextInt(4) == 0 ? "\n\n" : " ");
      }
      String title = sentences.get(random.nextInt(sentences.size()));
      return RawArticle.newBuilder()
          .setId("bench-" + i)
          .setSource("outlet-" + i % OUTLETS + ".example")
          .setTitle(title.substring(0, Math.min(title.length(), 80)))
          .setBody(body.toString().strip())
          .setPublishedAt(PUBLISHED)
          .setIngestedAt(PUBLISHED)
          .build();
    });
  }

  private static List<String> sentences() {
    return ResourceLines.read(BenchArticles.class, "bench/sentences.txt").stream().map(f -> f[0]).toList();
  }
}
