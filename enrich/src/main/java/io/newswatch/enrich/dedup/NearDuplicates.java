package io.newswatch.enrich.dedup;

import io.newswatch.avro.EnrichedArticle;
import io.newswatch.enrich.dedup.SeenFingerprints.Seen;
import io.newswatch.enrich.text.Hash64;
import io.newswatch.enrich.text.Tokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Syndicated copies: an article whose fingerprint is within {@code maxDistance} bits
 * (Hamming) of one seen within {@code horizon} of its publishedAt, before or after, is a copy
 * of that one.
 *
 * <p>Fingerprint: a 64-bit SimHash over shingles of {@value #SHINGLE} consecutive folded
 * words of the body (the headline is left out, syndicating sites rewrite it; a title-only
 * article is fingerprinted on its title). Why pairs and 6 bits, not the web-page textbook's
 * triples and 3: news bodies are short, and an edit changes as many shingles as a shingle has
 * words (on a 95-word story with three edits, triples put the copy 12 bits away, pairs about
 * half that, an unrelated story 24). SimHash is a vote of bits, so a copy may land past the
 * distance by chance: 495 of 500 seeded copies of a 215-word story with three words changed
 * are found.
 *
 * <p>Use: {@code String original = nearDuplicates.duplicateOf(article)} returns the id of the
 * earlier copy, or null, in which case the article is remembered as an original. Copies are
 * not remembered, so every copy points at the first article, not at a chain. Candidates come
 * from a {@link FingerprintIndex} in memory, built from the originals {@link SeenFingerprints}
 * remembers when this is made, and kept for twice the horizon, as the store must be.
 *
 * <p>The same logic runs offline ({@link InMemorySeenFingerprints}) and in the topology
 * ({@link WindowStoreSeenFingerprints}).
 */
public final class NearDuplicates {
  /**
   * Copies of a wire story run within hours of it; a day is ample, and each day of horizon
   * costs two days of articles in the store and in the index.
   */
  public static final Duration DEFAULT_HORIZON = Duration.ofDays(1);
  public static final int DEFAULT_MAX_DISTANCE = FingerprintIndex.MAX_DISTANCE;
  private static final int SHINGLE = 2;

  private final SeenFingerprints seen;
  private final FingerprintIndex index;
  private final long horizonMillis;
  private final int maxDistance;

  public NearDuplicates(SeenFingerprints seen) {
    this(seen, DEFAULT_HORIZON, DEFAULT_MAX_DISTANCE);
  }

  public NearDuplicates(SeenFingerprints seen, Duration horizon, int maxDistance) {
    FingerprintIndex.requireDistance(maxDistance);
    this.seen = seen;
    this.horizonMillis = horizon.toMillis();
    this.maxDistance = maxDistance;
    this.index = new FingerprintIndex(horizon.multipliedBy(2));
    List<Seen> remembered = new ArrayList<>();
    seen.forEach(remembered::add);
    remembered.sort(Comparator.comparingLong(Seen::publishedAt));
    remembered.forEach(s -> index.add(s.fingerprint(), s.publishedAt()));
  }

  /** The id of the article {@code article} copies, or null (and it is remembered). */
  public String duplicateOf(EnrichedArticle article) {
    return duplicateOf(article.getId(), article.getFingerprint(), article.getPublishedAt().toEpochMilli());
  }

  public String duplicateOf(String articleId, long fingerprint, long publishedAt) {
    String original = index.firstNear(fingerprint, maxDistance, publishedAt - horizonMillis,
        publishedAt + horizonMillis, near -> {
          String id = seen.idOf(near);
          return id == null || id.equals(articleId) ? null : id; // unknown, or this article again
        });
    if (original != null) {
      return original;
    }
    index.add(fingerprint, publishedAt);
    seen.add(articleId, new Seen(fingerprint, publishedAt));
    return null;
  }

  public static int distance(long a, long b) {
    return Long.bitCount(a ^ b);
  }

  public static long fingerprint(String text) {
    return fingerprint(Tokens.of(text), 0);
  }

  /**
   * SimHash of the shingles of tokens {@code [from, size)}: bit k is set when most shingle
   * hashes have bit k set. The ones are counted eight bits at a time, each byte of a hash
   * spread into eight 8-bit lanes of a long ({@link #SPREAD}) and the lanes emptied before they
   * overflow: 8 additions per shingle instead of 64.
   */
  public static long fingerprint(Tokens tokens, int from) {
    long[] lanes = new long[8];
    int[] ones = new int[64];
    int shingles = 0;
    int last = Math.max(from + 1, tokens.size() - SHINGLE + 1);
    for (int i = from; i < last && i < tokens.size(); i++) {
      long hash = hash(tokens, i, Math.min(i + SHINGLE, tokens.size()));
      for (int b = 0; b < 8; b++) {
        lanes[b] += SPREAD[(int) (hash >>> (8 * b)) & 0xff];
      }
      if (++shingles % 255 == 0) {
        empty(lanes, ones);
      }
    }
    empty(lanes, ones);
    long fingerprint = 0;
    for (int bit = 0; bit < 64; bit++) {
      if (2 * ones[bit] > shingles) {
        fingerprint |= 1L << bit;
      }
    }
    return fingerprint;
  }

  /** Byte value v spread into eight 8-bit lanes: lane k holds bit k of v. */
  private static final long[] SPREAD = new long[256];

  static {
    for (int v = 0; v < 256; v++) {
      for (int k = 0; k < 8; k++) {
        SPREAD[v] |= (long) (v >>> k & 1) << (8 * k);
      }
    }
  }

  private static void empty(long[] lanes, int[] ones) {
    for (int b = 0; b < 8; b++) {
      for (int k = 0; k < 8; k++) {
        ones[8 * b + k] += (int) (lanes[b] >>> (8 * k) & 0xff);
      }
      lanes[b] = 0;
    }
  }

  /**
   * A hash of the shingle of tokens {@code [from, to)} from the words' own hashes (computed
   * with the tokens), mixed in order so that word order counts.
   */
  private static long hash(Tokens tokens, int from, int to) {
    long h = tokens.hash(from);
    for (int t = from + 1; t < to; t++) {
      h = Hash64.finish(h * 0x9E3779B97F4A7C15L + tokens.hash(t));
    }
    return h;
  }

}
