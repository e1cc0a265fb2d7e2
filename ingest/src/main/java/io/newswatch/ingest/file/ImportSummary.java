package io.newswatch.ingest.file;

/** What one import did, for its one-line report. */
public record ImportSummary(String origin, long read, long sent, long rejected) {
  @Override
  public String toString() {
    return origin + ": " + read + " read, " + sent + " sent, " + rejected + " rejected";
  }
}
