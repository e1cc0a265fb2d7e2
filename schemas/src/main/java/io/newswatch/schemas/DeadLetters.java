package io.newswatch.schemas;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;

/**
 * The headers a dead letter carries. Kafka Streams' own dead-letter queue writes its
 * {@code __streams.errors.*} headers; newswatch's producers (ingest) write these, so an
 * operator reads both the same way with {@code newswatch tail news.deadletter}.
 */
public final class DeadLetters {
  /** Why the record was rejected, one line. */
  public static final String REASON = "newswatch.error.reason";
  /** Which stage rejected it: ingest, enrich, alerts. */
  public static final String STAGE = "newswatch.error.stage";
  /** Where it came from: a file name, feed URL or topic. */
  public static final String ORIGIN = "newswatch.error.origin";
  /** Line number in a file, when the origin is a file. */
  public static final String LINE = "newswatch.error.line";
  /** Kafka Streams' DLQ header with the exception message. */
  public static final String STREAMS_MESSAGE = "__streams.errors.message";
  /** Kafka Streams' DLQ header with the exception class. */
  public static final String STREAMS_EXCEPTION = "__streams.errors.exception";

  private DeadLetters() {}

  public static void put(Headers headers, String key, String value) {
    if (value != null) {
      headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** The reason of a dead letter from either kind of producer, or null. */
  public static String reason(Headers headers) {
    for (String key : new String[] {REASON, STREAMS_MESSAGE, STREAMS_EXCEPTION}) {
      var header = headers.lastHeader(key);
      if (header != null && header.value() != null) {
        return new String(header.value(), StandardCharsets.UTF_8);
      }
    }
    return null;
  }
}
