package io.newswatch.ingest.file;

import java.util.List;

/**
 * What one import did, for its report: of the articles read, some were sent, some were
 * copies of articles already sent, and the rest were rejected; the first
 * {@value #REJECTIONS_KEPT} rejections with their line and reason, so that a user can mend
 * the file (every one is also on the dead-letter topic).
 */
public record ImportSummary(String origin, long read, long sent, long duplicates, long rejected,
    List<Rejection> firstRejections) {
  public static final int REJECTIONS_KEPT = 20;

  /** A line that was not taken, and why. */
  public record Rejection(long line, String reason) {}

  public ImportSummary {
    firstRejections = List.copyOf(firstRejections);
  }

  @Override
  public String toString() {
    return origin + ": " + read + " read, " + sent + " sent, " + rejected + " rejected"
        + (duplicates > 0 ? ", " + duplicates + " duplicates" : "");
  }

  /** The one-line summary, then a line per rejection kept, then how many more there were. */
  public String report() {
    StringBuilder report = new StringBuilder(toString());
    firstRejections.forEach(r -> report.append('\n').append(origin).append(':').append(r.line()).append(": ")
        .append(r.reason()));
    if (rejected > firstRejections.size()) {
      report.append('\n').append("... and ").append(rejected - firstRejections.size())
          .append(" more rejected lines (all on the dead-letter topic, with their reasons)");
    }
    return report.toString();
  }
}
