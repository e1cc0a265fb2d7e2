package io.newswatch.ingest.http;

/**
 * @param maxBytes the largest request body taken
 */
public record PushSettings(long maxBytes) {
  public static final long DEFAULT_MAX_BYTES = 10L << 20;
}
