package io.newswatch.alerts.detector;

import io.newswatch.alerts.detector.PlaceState.Story;
import io.newswatch.avro.Alert;
import io.newswatch.avro.Evidence;
import io.newswatch.avro.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Writes the alert a rise raises: its id, its evidence and its one-line summary, from the
 * window that rose. Deterministic, so that a replay raises the same alert with the same id.
 */
final class AlertWriter {
  static final int EVIDENCE_STORIES = 5;
  static final int TOP_ACTORS = 5;
  static final int SUMMARY_CUES = 3;

  private AlertWriter() {}

  /** Where a place is, as alerts name it. */
  record Place(long id, String name, String countryCode, double lat, double lon) {}

  /**
   * How a window rose: from {@code previous} to {@code level}, with the spike {@code score},
   * {@code baseline} stories expected per bucket, {@code timesUsual} its weight against what
   * it expects, {@code newOutlets} outlets new to the place, and {@code sustained} when the
   * climb, not the spike, raised it.
   */
  record Rise(Level previous, Level level, double score, double baseline, double timesUsual, int newOutlets,
      boolean sustained, long detectedAt) {}

  static Alert alert(Place place, long windowStart, Duration windowLength, Coverage window, Rise rise) {
    List<String> sources = List.copyOf(window.outlets());
    return Alert.newBuilder()
        .setAlertId(alertId(place.id(), rise.level(), windowStart))
        .setPlaceId(place.id())
        .setPlaceName(place.name())
        .setCountryCode(place.countryCode())
        .setLat(place.lat())
        .setLon(place.lon())
        .setLevel(rise.level())
        .setPreviousLevel(rise.previous())
        .setWindowStart(Instant.ofEpochMilli(windowStart))
        .setWindowEnd(Instant.ofEpochMilli(windowStart + windowLength.toMillis()))
        .setStories(window.storyCount())
        .setSources(sources)
        .setBaseline(rise.baseline())
        .setScore(rise.score())
        .setIntensity(window.meanIntensity())
        .setTopActors(window.topActors(TOP_ACTORS))
        .setEvidence(window.topStories(EVIDENCE_STORIES).stream().map(AlertWriter::evidence).toList())
        .setSummary(summary(place.name(), window.storyCount(), sources.size(), rise.newOutlets(), windowLength,
            rise.timesUsual(), rise.sustained(), window.topCues(SUMMARY_CUES)))
        .setDetectedAt(Instant.ofEpochMilli(rise.detectedAt()))
        .build();
  }

  /**
   * E.g. "Kostiantynivka: 14 stories from 9 sources (4 new) in 6 h, 7.0x usual; intense
   * fighting, shelling", counting the sources new to the place, and saying "a sustained rise"
   * when the climb, not the spike, raised the level.
   */
  static String summary(String placeName, int stories, int sources, int newSources, Duration window,
      double timesUsual, boolean sustained, List<String> cues) {
    String cueList = String.join(", ", cues);
    return String.format(Locale.ROOT, "%s: %d stories from %d sources%s in %s, %s usual%s%s",
        placeName, stories, sources,
        newSources == 0 ? "" : " (" + newSources + " new)", span(window),
        timesUsual < 10 ? String.format(Locale.ROOT, "%.1fx", timesUsual)
            : String.format(Locale.ROOT, "%.0fx", timesUsual),
        sustained ? ", a sustained rise" : "",
        cueList.isEmpty() ? "" : "; " + cueList);
  }

  /** The first 16 bytes, in hex, of the SHA-256 of "placeId|level|windowStart": one id per place, level and window. */
  static String alertId(long placeId, Level level, long windowStart) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(
          (placeId + "|" + level + "|" + windowStart).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static String span(Duration d) {
    if (d.toHours() % 24 == 0) {
      return d.toDays() + " d";
    }
    return d.toMinutes() % 60 == 0 ? d.toHours() + " h" : d.toMinutes() + " min";
  }

  private static Evidence evidence(Story story) {
    return Evidence.newBuilder()
        .setArticleId(story.articleId())
        .setTitle(story.title())
        .setUrl(story.url())
        .setSource(story.source())
        .setPublishedAt(Instant.ofEpochMilli(story.publishedAt()))
        .build();
  }
}
