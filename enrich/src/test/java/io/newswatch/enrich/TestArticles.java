package io.newswatch.enrich;

import io.newswatch.avro.EnrichedArticle;
import io.newswatch.avro.PlaceMention;
import io.newswatch.avro.RawArticle;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** Raw articles for tests. */
public final class TestArticles {
  public static final Instant PUBLISHED = Instant.parse("2025-11-20T14:05:00Z");

  private TestArticles() {}

  public static RawArticle raw(String id, String title, String body) {
    return raw(id, title, body, PUBLISHED);
  }

  public static RawArticle raw(String id, String title, String body, Instant publishedAt) {
    return RawArticle.newBuilder()
        .setId(id).setUrl("https://example.org/" + id).setSource("example.org")
        .setTitle(title).setBody(body).setPublishedAt(publishedAt).setIngestedAt(publishedAt)
        .build();
  }

  /** The Konstantinovka seed article, shortened: first line the title, the rest the body. */
  public static RawArticle konstantinovka() {
    String text = resource("konstantinovka-article.txt");
    int newline = text.indexOf('\n');
    return raw("konstantinovka-1", text.substring(0, newline), text.substring(newline + 1));
  }

  public static String resource(String name) {
    try (InputStream in = TestArticles.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static List<Long> placeIds(EnrichedArticle article) {
    return article.getPlaces().stream().map(PlaceMention::getGeonameId).toList();
  }
}
