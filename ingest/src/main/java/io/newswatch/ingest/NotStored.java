package io.newswatch.ingest;

import java.util.List;

/**
 * What a flush could not store: the ids of those articles (a rejected input has none), so
 * that they can be sent again while those that were stored are not.
 */
public final class NotStored extends RuntimeException {
  private final List<String> articleIds;

  public NotStored(String message, List<String> articleIds, Throwable cause) {
    super(message, cause);
    this.articleIds = List.copyOf(articleIds);
  }

  public List<String> articleIds() {
    return articleIds;
  }
}
