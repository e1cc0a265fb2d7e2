package io.newswatch.alerts.http;

import io.newswatch.alerts.detector.PlaceState;
import io.newswatch.avro.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A place's timeline as {@code GET /api/places/{id}/timeline} answers it: every bucket from
 * the oldest its state remembers to the end of its window, empty ones included, against the
 * baseline, and every story of the window, newest first. Times are ISO-8601, as everywhere in
 * the API.
 *
 * @param level the place's level now: the detector's, which moves with the place's articles
 *     (event time), so a place that has gone quiet keeps it until its next story
 * @param bucket the length of a bucket, an ISO-8601 duration such as {@code PT1H}
 * @param baseline the stories a bucket usually gets: the detector's EWMA of the buckets
 *     that have left the window
 * @param buckets oldest first, contiguous, the window's last
 * @param stories the window's stories kept in full, newest first
 * @param storiesNotKept the window's reports beyond {@link io.newswatch.alerts.detector.Detector#STORIES_KEPT},
 *     only counted
 */
public record PlaceTimeline(
    long placeId,
    String placeName,
    String countryCode,
    double lat,
    double lon,
    Level level,
    String bucket,
    String windowStart,
    String windowEnd,
    double baseline,
    List<BucketCount> buckets,
    List<StoryLine> stories,
    int storiesNotKept) {

  /** One bucket: its start, its distinct stories and its reports (echoes counted). */
  public record BucketCount(String start, int stories, int reports, boolean inWindow) {}

  /** A story of the window; {@code echoOf} is the story it copies, or null. */
  public record StoryLine(String title, String url, String source, String publishedAt, String echoOf) {}

  public static PlaceTimeline of(PlaceState state) {
    long bucketMillis = state.bucketMillis();
    Map<Long, PlaceState.Count> counts = new TreeMap<>();
    state.history().forEach(c -> counts.put(c.start(), c));
    state.buckets().forEach(b -> counts.put(b.start(), b.count()));
    long windowEnd = state.windowEnd();
    long first = counts.isEmpty() ? state.windowStart() : Math.min(state.windowStart(), counts.keySet().iterator().next());
    List<BucketCount> buckets = new ArrayList<>();
    for (long start = first; start < windowEnd; start += bucketMillis) {
      PlaceState.Count c = counts.getOrDefault(start, new PlaceState.Count(start, 0, 0));
      buckets.add(new BucketCount(iso(start), c.stories(), c.reports(), start >= state.windowStart()));
    }
    List<StoryLine> stories = state.buckets().stream()
        .flatMap(b -> b.stories().stream())
        .sorted(Comparator.comparingLong(PlaceState.Story::publishedAt).reversed()
            .thenComparing(PlaceState.Story::articleId))
        .map(s -> new StoryLine(s.title(), s.url(), s.source(), iso(s.publishedAt()), s.echoOf()))
        .toList();
    int notKept = reportsNotKept(state);
    return new PlaceTimeline(state.placeId(), state.placeName(), state.countryCode(), state.lat(), state.lon(),
        state.level(), Duration.ofMillis(bucketMillis).toString(), iso(state.windowStart()), iso(windowEnd),
        state.baseline(), buckets, stories, notKept);
  }

  /** The window's reports beyond those kept in full: a summary state has only these. */
  static int reportsNotKept(PlaceState state) {
    return state.buckets().stream().mapToInt(b -> b.rest() == null ? 0 : b.rest().reports()).sum();
  }

  static String iso(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).toString();
  }
}
