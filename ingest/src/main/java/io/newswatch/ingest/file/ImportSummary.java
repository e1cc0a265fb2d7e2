package io.newswatch.ingest.file;

/**
 * What one import did, for its one-line report: of the articles read, some were sent,
 * some were copies of articles already sent, and the rest were rejected.
 */
public record ImportSummary(String origin, long read, long sent, long duplicates, long rejected) {
  @Override
  public String toString() {
    return origin + ": " + read + " read, " + sent + " sent, " + rejected + " rejected"
        + (duplicates > 0 ? ", " + duplicates + " duplicates" : "");
  }
}
