package io.newswatch.alerts.detector;

import io.newswatch.avro.Level;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the detector remembers about one place between articles: kept in the alerts stage's
 * state stores (its stories and originals apart from the rest) and shown as the place's timeline.
 * Times are epoch milliseconds of event time.
 *
 * @param baseline expected weighted stories per bucket, an EWMA over the buckets that have
 *     left the window (so a burst is never compared with itself)
 * @param cusum the one-sided CUSUM of those buckets, for climbs too slow to spike
 * @param dayObserved the weight of the buckets folded since the CUSUM's last step (it steps
 *     once a day)
 * @param dayExpected what the baseline expected of those buckets
 * @param windowStart the first bucket of the window; older buckets are in the baseline
 * @param buckets the window's buckets that have stories, oldest first
 * @param lastAlertAt when an alert was last raised at each level, for the cooldown
 * @param knownOutlets the outlets that covered the place before the window, with the last bucket
 *     they did, for telling outlets new to the place; forgotten after
 *     {@link DetectorSettings#memory()}
 * @param dailyCycle per bucket of the day (24 for hourly buckets, none for day buckets), an
 *     EWMA of the weight the place gets at that time of day: its daily cycle
 * @param bucketMillis the length of a bucket, and
 * @param windowBuckets the buckets in the window, as the detector that stored the state had
 *     them, for showing it
 * @param history the counts of the buckets that have left the window with reports, oldest
 *     first, for the {@link Detector#HISTORY_BUCKETS} buckets before the window: what the
 *     place's timeline shows of its usual coverage (the baseline keeps only their EWMA)
 * @param originals the place's latest stories by fingerprint, oldest first, for telling copies
 *     of them ({@link Originals})
 */
public record PlaceState(
    long placeId,
    String placeName,
    String countryCode,
    double lat,
    double lon,
    Level level,
    double baseline,
    double cusum,
    double dayObserved,
    double dayExpected,
    long windowStart,
    List<Bucket> buckets,
    Map<Level, Long> lastAlertAt,
    Map<String, Long> knownOutlets,
    List<Double> dailyCycle,
    long bucketMillis,
    int windowBuckets,
    List<Count> history,
    List<Original> originals) {

  public PlaceState {
    buckets = List.copyOf(buckets);
    // sorted, so that stored bytes are stable
    lastAlertAt = Collections.unmodifiableMap(new TreeMap<>(lastAlertAt));
    knownOutlets = Collections.unmodifiableMap(new TreeMap<>(knownOutlets));
    dailyCycle = List.copyOf(dailyCycle);
    history = List.copyOf(history);
    originals = List.copyOf(originals);
  }

  /** The end of the window, exclusive: where the place's latest coverage ends. */
  public long windowEnd() {
    return windowStart + windowBuckets * bucketMillis;
  }

  /** This state with other buckets. */
  public PlaceState withBuckets(List<Bucket> buckets) {
    return new PlaceState(placeId, placeName, countryCode, lat, lon, level, baseline, cusum, dayObserved,
        dayExpected, windowStart, buckets, lastAlertAt, knownOutlets, dailyCycle, bucketMillis, windowBuckets, history,
        originals);
  }

  /** This state with other originals. */
  public PlaceState withOriginals(List<Original> originals) {
    return new PlaceState(placeId, placeName, countryCode, lat, lon, level, baseline, cusum, dayObserved,
        dayExpected, windowStart, buckets, lastAlertAt, knownOutlets, dailyCycle, bucketMillis, windowBuckets, history,
        originals);
  }

  /**
   * The distinct stories published in one bucket: each in full while the window holds fewer
   * than {@link Detector#STORIES_KEPT}, the rest only counted ({@code rest}, null when none),
   * so that a place in the world's headlines does not make its state grow without bound.
   */
  public record Bucket(long start, List<Story> stories, Rest rest) {
    public Bucket {
      stories = List.copyOf(stories);
    }

    /** What the bucket got, kept and counted reports together. */
    public Count count() {
      int kept = (int) stories.stream().filter(s -> s.echoOf() == null).count();
      return rest == null ? new Count(start, kept, stories.size())
          : new Count(start, kept + rest.stories(), stories.size() + rest.reports());
    }
  }

  /**
   * How much coverage one bucket got: its distinct stories (echoes not counted) and its reports
   * (echoes counted).
   */
  public record Count(long start, int stories, int reports) {}

  /**
   * Reports counted but not kept: how many, how many were stories of their own, their weight,
   * their summed intensity and their outlets (sorted; as many as there are outlets, not reports).
   */
  public record Rest(int reports, int stories, double weight, double intensity, List<String> outlets) {
    public Rest {
      outlets = List.copyOf(new TreeSet<>(outlets));
    }

    Rest plus(Rest other) {
      List<String> both = new ArrayList<>(outlets);
      both.addAll(other.outlets);
      return new Rest(reports + other.reports, stories + other.stories, weight + other.weight,
          intensity + other.intensity, both);
    }
  }

  /**
   * One story as far as alerts need it: its weight for this place and the evidence an alert
   * shows. An echo is a copy of another story ({@code echoOf}) published by a new outlet.
   */
  public record Story(
      String articleId,
      String title,
      String url,
      String source,
      long publishedAt,
      double weight,
      double intensity,
      List<String> cues,
      List<String> actors,
      String echoOf) {
    public Story {
      cues = List.copyOf(cues);
      actors = List.copyOf(actors);
    }
  }

  /** A story of the place as {@link Originals} remembers it: what its copies are told by. */
  public record Original(String articleId, long fingerprint, long publishedAt) {
    /** The order a place keeps its originals in: by time, then id. */
    public static final Comparator<Original> ORDER =
        Comparator.comparingLong(Original::publishedAt).thenComparing(Original::articleId);
  }
}
