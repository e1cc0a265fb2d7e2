package io.newswatch.ingest.article;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Article ids derived from content, for sources that give none. */
public final class ArticleIds {
  private ArticleIds() {}

  /**
   * The id of an article: a hash of its canonical URL, so copies reached through two feeds
   * or with tracking parameters are one article; of its text when it has no URL.
   */
  public static String of(String canonicalUrl, String title, String body) {
    return hash(canonicalUrl != null ? canonicalUrl : nullToEmpty(title) + "\n" + nullToEmpty(body));
  }

  /** 16 hex digits of SHA-256 over the text: stable across runs and machines. */
  public static String hash(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
