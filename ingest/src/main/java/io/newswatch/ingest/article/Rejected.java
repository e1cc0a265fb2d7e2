package io.newswatch.ingest.article;

/** Input that is not a valid article, with the reason in one line. */
public final class Rejected extends Exception {
  public Rejected(String reason) {
    super(reason, null, false, false);
  }
}
