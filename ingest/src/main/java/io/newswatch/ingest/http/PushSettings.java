package io.newswatch.ingest.http;

/**
 * @param maxBytes the largest request body taken
 * @param token when not null, requests must carry {@code Authorization: Bearer TOKEN}
 */
public record PushSettings(long maxBytes, String token) {
  public static final long DEFAULT_MAX_BYTES = 10L << 20;
}
