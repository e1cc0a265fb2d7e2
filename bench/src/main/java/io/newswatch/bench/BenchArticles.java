package io.newswatch.bench;

import io.newswatch.avro.RawArticle;
import io.newswatch.enrich.text.ResourceLines;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * English news articles of 3-5 KB for {@code bench}, assembled from the bundled sentences
 * ({@code sentences.txt}, beside this class) by a seeded random draw: every run, on every
 * machine, reads the same text. Like real coverage, each article tells its own story, a few of the sentences
 * worded its own way, so that two articles share about as many word pairs as two reports on
 * one war do; and one in {@value #WIRE_COPY_ONE_IN} is a wire copy: an earlier article
 * republished by another outlet, which the detectors should take for a copy.
 */
final class BenchArticles {
  static final int MIN_BYTES = 3_000;
  static final int MAX_BYTES = 5_000;
  static final int WIRE_COPY_ONE_IN = 10;
  private static final int OUTLETS = 40;
  /** The sentences one article draws on: a story, not the whole pool. */
  private static final int STORY_SENTENCES = 12;
  /** How far back a wire copy's original may be. */
  private static final int RECENT = 50;
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
    List<List<String[]>> sentences = sentences();
    Random random = new Random(seed);
    RawArticle[] recent = new RawArticle[RECENT];
    return IntStream.iterate(0, i -> i + 1).mapToObj(i -> {
      RawArticle.Builder article = RawArticle.newBuilder()
          .setId("bench-" + i)
          .setSource("outlet-" + i % OUTLETS + ".example")
          .setPublishedAt(PUBLISHED)
          .setIngestedAt(PUBLISHED);
      if (i >= RECENT && random.nextInt(WIRE_COPY_ONE_IN) == 0) {
        RawArticle original = recent[random.nextInt(RECENT)];
        return article.setTitle(original.getTitle()).setBody(original.getBody()).build();
      }
      List<List<String[]>> story = new ArrayList<>();
      for (int s = 0; s < STORY_SENTENCES; s++) {
        story.add(sentences.get(random.nextInt(sentences.size())));
      }
      int target = MIN_BYTES + random.nextInt(MAX_BYTES - MIN_BYTES - 300);
      StringBuilder body = new StringBuilder();
      while (body.length() < target) {
        body.append(worded(story.get(random.nextInt(story.size())), random))
            .append(random.nextInt(4) == 0 ? "\n\n" : " ");
      }
      String title = worded(story.get(0), random);
      RawArticle original = article.setTitle(title.substring(0, Math.min(title.length(), 80)))
          .setBody(body.toString().strip())
          .build();
      recent[i % RECENT] = original;
      return original;
    });
  }

  /** A sentence with each of its choices made. */
  private static String worded(List<String[]> sentence, Random random) {
    StringBuilder text = new StringBuilder();
    for (String[] choice : sentence) {
      text.append(choice.length == 1 ? choice[0] : choice[random.nextInt(choice.length)]);
    }
    return text.toString();
  }

  /** Each sentence as its parts: fixed text (one option) and {a|b|c} choices. */
  private static List<List<String[]>> sentences() {
    return ResourceLines.read(BenchArticles.class, "sentences.txt").stream()
        .map(f -> parts(f[0]))
        .toList();
  }

  private static List<String[]> parts(String sentence) {
    List<String[]> parts = new ArrayList<>();
    int at = 0;
    while (at < sentence.length()) {
      int open = sentence.indexOf('{', at);
      if (open < 0) {
        parts.add(new String[] {sentence.substring(at)});
        break;
      }
      int close = sentence.indexOf('}', open);
      if (close < 0) {
        throw new IllegalStateException("unclosed { in bench sentence: " + sentence);
      }
      if (open > at) {
        parts.add(new String[] {sentence.substring(at, open)});
      }
      parts.add(sentence.substring(open + 1, close).split("\\|", -1));
      at = close + 1;
    }
    return parts;
  }
}
