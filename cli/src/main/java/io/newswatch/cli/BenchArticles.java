package io.newswatch.cli;

import io.newswatch.avro.RawArticle;
import io.newswatch.enrich.text.ResourceLines;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * English news articles of 3-5 KB for {@code bench enrich}, assembled from the bundled
 * sentences ({@code bench/sentences.txt}) by a seeded random draw: every run, on every
 * machine, reads the same text.
 */
final class BenchArticles {
  static final int MIN_BYTES = 3_000;
  static final int MAX_BYTES = 5_000;
  private static final Instant PUBLISHED = Instant.parse("2025-11-20T12:00:00Z");

  private BenchArticles() {}

  static List<RawArticle> generate(int count, long seed) {
    List<String> sentences = sentences();
    Random random = new Random(seed);
    List<RawArticle> articles = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int target = MIN_BYTES + random.nextInt(MAX_BYTES - MIN_BYTES - 300);
      StringBuilder body = new StringBuilder();
      while (body.length() < target) {
        body.append(sentences.get(random.nextInt(sentences.size())))
            .append(random.nextInt(4) == 0 ? "\n\n" : " ");
      }
      String title = sentences.get(random.nextInt(sentences.size()));
      articles.add(RawArticle.newBuilder()
          .setId("bench-" + i)
          .setSource("bench.example")
          .setTitle(title.substring(0, Math.min(title.length(), 80)))
          .setBody(body.toString().strip())
          .setPublishedAt(PUBLISHED)
          .setIngestedAt(PUBLISHED)
          .build());
    }
    return articles;
  }

  private static List<String> sentences() {
    return ResourceLines.read(BenchArticles.class, "bench/sentences.txt").stream().map(f -> f[0]).toList();
  }
}
