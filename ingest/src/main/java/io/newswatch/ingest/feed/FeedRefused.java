package io.newswatch.ingest.feed;

/**
 * A feed (or one of its items) that was refused or could not be fetched, with a reason in
 * one line and, when something was received, the start of it for the dead letter.
 */
public final class FeedRefused extends Exception {
  private final String sample;

  public FeedRefused(String reason, String sample) {
    super(reason, null, false, false);
    this.sample = sample;
  }

  /** The start of what was received, or null when nothing was. */
  public String sample() {
    return sample;
  }
}
