package io.newswatch.ingest.article;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.newswatch.avro.RawArticle;
import io.newswatch.schemas.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Reads one raw article in the JSON contract that docs/OPERATIONS.md ("Raw articles") documents:
 * {@code {"id", "url", "source", "title", "body", "publishedAt", "language", "author"}}.
 * Only a title or a body is required. The id defaults to a hash of the canonical URL
 * (else of the text); a missing or future publishedAt becomes the time of ingest, flagged
 * as estimated; a url that is not an absolute http(s) URL is left out.
 */
public final class ArticleParser {
  /**
   * The most characters an article's fields may hold together, as for a feed item: even in
   * 3-byte UTF-8 its record stays under Kafka's default limit of 1 MB, which a larger one would
   * fail at send, failing the whole import.
   */
  public static final int MAX_CHARS = 256 << 10;
  private static final String[] FIELDS = {"id", "url", "source", "title", "body", "publishedAt", "language", "author"};
  /** The earliest time a record can carry (milliseconds since 1970 in a long). */
  private static final Instant EARLIEST = Instant.ofEpochMilli(Long.MIN_VALUE);

  private final Clock clock;

  public ArticleParser(Clock clock) {
    this.clock = clock;
  }

  public RawArticle parse(String json) throws Rejected {
    try {
      return parse(Json.MAPPER.readTree(json));
    } catch (JsonProcessingException e) {
      throw new Rejected("not JSON: " + e.getOriginalMessage());
    }
  }

  public RawArticle parse(JsonNode node) throws Rejected {
    if (node == null || !node.isObject()) {
      throw new Rejected("not a JSON object");
    }
    String title = text(node, "title");
    String body = text(node, "body");
    if (isBlank(title) && isBlank(body)) {
      throw new Rejected("no title and no body");
    }
    long chars = 0;
    for (String field : FIELDS) {
      String value = text(node, field);
      chars += value == null ? 0 : value.length();
    }
    if (chars > MAX_CHARS) {
      throw new Rejected("too long: " + chars + " characters, at most " + MAX_CHARS);
    }
    // A url that is not an absolute http(s) URL ("link can be requested", javascript:) is
    // dropped, never followed or shown; the article itself is kept.
    String canonical = CanonicalUrl.of(text(node, "url"));
    Instant now = clock.instant();
    String id = text(node, "id");
    String published = text(node, "publishedAt");
    PublishedTime time = PublishedTime.of(isBlank(published) ? null : instant(published), now);
    if (time.at().isBefore(EARLIEST)) {
      throw new Rejected("publishedAt is too far in the past: " + published);
    }
    return RawArticle.newBuilder()
        .setId(isBlank(id) ? ArticleIds.of(canonical, title, body) : id)
        .setUrl(canonical)
        .setSource(isBlank(text(node, "source")) ? hostOf(canonical) : text(node, "source"))
        .setTitle(nullToEmpty(title))
        .setBody(nullToEmpty(body))
        .setAuthor(isBlank(text(node, "author")) ? null : text(node, "author"))
        .setPublishedAt(time.at())
        .setPublishedAtEstimated(time.estimated())
        .setLanguage(isBlank(text(node, "language")) ? null : text(node, "language"))
        .setIngestedAt(now)
        .build();
  }

  private static Instant instant(String value) throws Rejected {
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new Rejected("publishedAt is not an ISO-8601 date-time with offset: " + value);
    }
  }

  private static String text(JsonNode node, String field) throws Rejected {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new Rejected(field + " must be a string");
    }
    return value.asText();
  }

  /** The host of a canonical URL, as the source of an article that names none. */
  public static String hostOf(String canonicalUrl) {
    return canonicalUrl == null ? null : java.net.URI.create(canonicalUrl).getHost();
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
