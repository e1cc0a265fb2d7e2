package io.newswatch.alerts.http;

import java.util.Map;

/**
 * What {@code GET /ready} answers: whether every part of the process runs (200 READY, else 503
 * NOT_READY), and what the parts say about themselves, beside the status.
 */
@FunctionalInterface
public interface Readiness {
  boolean ready();

  /** Shown beside the status; keys must not be "status". */
  default Map<String, Object> details() {
    return Map.of();
  }
}
