package io.newswatch.alerts.detector;

import io.newswatch.alerts.detector.PlaceState.Bucket;
import io.newswatch.alerts.detector.PlaceState.Story;
import io.newswatch.avro.ActorMention;
import io.newswatch.avro.Alert;
import io.newswatch.avro.EnrichedArticle;
import io.newswatch.avro.Evidence;
import io.newswatch.avro.Level;
import io.newswatch.avro.PlaceMention;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The escalation detector of one place: pure, driven by event time only, so a replay of the
 * same articles in the same order yields the same alerts, ids included.
 *
 * <p>Stories are counted in event-time buckets; the last {@link DetectorSettings#window()} of
 * buckets is compared with a baseline, an EWMA of the buckets before it (floored, and starting
 * at a prior for a place never seen). The spike score is the Poisson z-score
 * {@code (observed - expected) / sqrt(expected)}. A level is entered when the score and the
 * window's distinct stories and sources reach its rule, as soon as the article that does it
 * arrives; it is left only when a complete window scores well below that (hysteresis). A rise
 * raises one alert, unless an alert at that level or above was raised within the cooldown.
 * Time moves only with the articles: a place that goes quiet keeps its level until its next
 * story.
 */
public final class Detector {
  private static final Logger log = LoggerFactory.getLogger(Detector.class);
  /** windowStart of a place without stories yet. */
  private static final long NEVER = Long.MIN_VALUE;
  private static final int EVIDENCE_STORIES = 5;
  private static final int TOP_ACTORS = 5;
  private static final int SUMMARY_CUES = 3;

  private final DetectorSettings settings;
  private final long placeId;
  private final String placeName;
  private final String countryCode;
  private final double lat;
  private final double lon;
  private Level level;
  private double baseline;
  private long windowStart;
  private final TreeMap<Long, List<Story>> buckets = new TreeMap<>();
  private final Map<Level, Long> lastAlertAt = new EnumMap<>(Level.class);

  private Detector(DetectorSettings settings, PlaceState state) {
    this.settings = settings;
    this.placeId = state.placeId();
    this.placeName = state.placeName();
    this.countryCode = state.countryCode();
    this.lat = state.lat();
    this.lon = state.lon();
    this.level = state.level();
    this.baseline = state.baseline();
    this.windowStart = state.windowStart();
    state.buckets().forEach(b -> buckets.put(b.start(), new ArrayList<>(b.stories())));
    lastAlertAt.putAll(state.lastAlertAt());
  }

  /** A detector for a place not seen before: its baseline starts at the prior. */
  public static Detector start(DetectorSettings settings, PlaceMention place) {
    return new Detector(settings, new PlaceState(place.getGeonameId(), place.getName(),
        place.getCountryCode(), place.getLat(), place.getLon(), Level.NORMAL,
        settings.perBucket(settings.priorPerDay()), NEVER, List.of(), Map.of()));
  }

  /** A detector that carries on from a stored state. */
  public static Detector resume(DetectorSettings settings, PlaceState state) {
    return new Detector(settings, state);
  }

  public PlaceState state() {
    List<Bucket> window = new ArrayList<>();
    buckets.forEach((start, stories) -> window.add(new Bucket(start, stories)));
    return new PlaceState(placeId, placeName, countryCode, lat, lon, level, baseline,
        windowStart, window, lastAlertAt);
  }

  /**
   * Counts an article that mentions this place, if it is a new story, and returns the alert
   * when that raised the place's level. Syndicated copies ({@code duplicateOf} set), articles
   * that do not mention the place and stories older than the window do not count.
   */
  public Optional<Alert> onArticle(EnrichedArticle article) {
    boolean mentioned = article.getPlaces().stream().anyMatch(p -> p.getGeonameId() == placeId);
    if (!mentioned || article.getDuplicateOf() != null) {
      return Optional.empty();
    }
    long publishedAt = article.getPublishedAt().toEpochMilli();
    long bucket = Math.floorDiv(publishedAt, settings.bucketMillis()) * settings.bucketMillis();
    if (windowStart != NEVER && bucket < windowStart) {
      log.debug("{}: article {} is older than the window, not counted", placeName, article.getId());
      return Optional.empty();
    }
    advanceTo(bucket);
    List<Story> stories = buckets.computeIfAbsent(bucket, b -> new ArrayList<>());
    if (stories.stream().anyMatch(s -> s.articleId().equals(article.getId()))) {
      return Optional.empty(); // the same article again (redelivered, or naming the place twice)
    }
    stories.add(story(article, weight(article)));
    return evaluate(publishedAt);
  }

  /** A story about the place counts fully; one that only mentions it in passing counts less. */
  private double weight(EnrichedArticle article) {
    PlaceMention focus = article.getFocus();
    return focus == null || focus.getGeonameId() == placeId ? 1.0 : settings.passingMentionWeight();
  }

  /**
   * Moves the window so that it ends with the given bucket, folding what leaves it into the
   * baseline. On the way the level is judged on the last complete window: a partial window
   * (the current bucket has just begun) can raise the level but never lower it.
   */
  private void advanceTo(long bucket) {
    long newStart = bucket - (settings.windowBuckets() - 1) * settings.bucketMillis();
    if (windowStart == NEVER) {
      windowStart = newStart;
    }
    if (newStart <= windowStart) {
      return;
    }
    foldUntil(newStart - settings.bucketMillis());
    Coverage lastComplete = window();
    double score = score(lastComplete);
    if (level != Level.NORMAL && score < settings.rule(level).minScore() * settings.hysteresis()) {
      level = enteredLevel(score, lastComplete);
    }
    foldUntil(newStart);
  }

  /** Folds the buckets before {@code newStart}, empty ones included, into the baseline. */
  private void foldUntil(long newStart) {
    long bucketMillis = settings.bucketMillis();
    double alpha = settings.baselineAlpha();
    while (windowStart < newStart) {
      Map.Entry<Long, List<Story>> oldest = buckets.firstEntry();
      if (oldest == null || oldest.getKey() >= newStart) {
        // only empty buckets left to fold: decay in one step instead of one per bucket
        baseline *= Math.pow(1 - alpha, (newStart - windowStart) / bucketMillis);
        windowStart = newStart;
      } else {
        baseline *= Math.pow(1 - alpha, (oldest.getKey() - windowStart) / bucketMillis);
        double observed = oldest.getValue().stream().mapToDouble(Story::weight).sum();
        baseline += alpha * (observed - baseline);
        buckets.remove(oldest.getKey());
        windowStart = oldest.getKey() + bucketMillis;
      }
    }
  }

  /** Raises the level if the window now enters a higher one. */
  private Optional<Alert> evaluate(long detectedAt) {
    Coverage window = window();
    double score = score(window);
    Level entered = enteredLevel(score, window);
    Level previous = level;
    if (entered.compareTo(previous) <= 0) {
      return Optional.empty();
    }
    level = entered;
    if (coolingDown(entered, detectedAt)) {
      log.debug("{}: rose to {} within the cooldown, no alert", placeName, entered);
      return Optional.empty();
    }
    lastAlertAt.put(entered, detectedAt);
    return Optional.of(alert(previous, window, score, detectedAt));
  }

  private Coverage window() {
    return new Coverage(buckets.values().stream().flatMap(List::stream).toList());
  }

  /** Stories expected in a bucket: the baseline, but never below the floor. */
  private double expectedPerBucket() {
    return Math.max(baseline, settings.perBucket(settings.floorPerDay()));
  }

  /** The Poisson z-score of the window's weighted stories against the baseline. */
  private double score(Coverage window) {
    double expected = expectedPerBucket() * settings.windowBuckets();
    return (window.weight() - expected) / Math.sqrt(expected);
  }

  private Level enteredLevel(double score, Coverage window) {
    int outlets = window.outlets().size();
    Level entered = Level.NORMAL;
    for (DetectorSettings.LevelRule rule : settings.rules()) {
      if (score >= rule.minScore() && window.count() >= rule.minStories()
          && outlets >= rule.minSources()) {
        entered = rule.level();
      }
    }
    return entered;
  }

  private boolean coolingDown(Level rising, long now) {
    long cooldown = settings.cooldown().toMillis();
    return lastAlertAt.entrySet().stream()
        .anyMatch(e -> e.getKey().compareTo(rising) >= 0 && now - e.getValue() < cooldown);
  }

  private Alert alert(Level previous, Coverage window, double score, long detectedAt) {
    double expectedPerBucket = expectedPerBucket();
    long windowEnd = windowStart + settings.windowLength().toMillis();
    List<String> sources = List.copyOf(window.outlets());
    return Alert.newBuilder()
        .setAlertId(alertId(placeId, level, windowStart))
        .setPlaceId(placeId)
        .setPlaceName(placeName)
        .setCountryCode(countryCode)
        .setLat(lat)
        .setLon(lon)
        .setLevel(level)
        .setPreviousLevel(previous)
        .setWindowStart(Instant.ofEpochMilli(windowStart))
        .setWindowEnd(Instant.ofEpochMilli(windowEnd))
        .setStories(window.count())
        .setSources(sources)
        .setBaseline(expectedPerBucket)
        .setScore(score)
        .setIntensity(window.meanIntensity())
        .setTopActors(window.topActors(TOP_ACTORS))
        .setEvidence(window.topStories(EVIDENCE_STORIES).stream().map(Detector::evidence).toList())
        .setSummary(summary(window, sources.size(),
            window.weight() / (expectedPerBucket * settings.windowBuckets())))
        .setDetectedAt(Instant.ofEpochMilli(detectedAt))
        .build();
  }

  /** E.g. "Kostiantynivka: 14 stories from 9 sources in 6 h, 7x usual; intense fighting, shelling". */
  private String summary(Coverage window, int sources, double timesUsual) {
    String cues = String.join(", ", window.topCues(SUMMARY_CUES));
    return String.format(Locale.ROOT, "%s: %d stories from %d sources in %s, %s usual%s",
        placeName, window.count(), sources, span(settings.windowLength()),
        timesUsual < 10 ? String.format(Locale.ROOT, "%.1fx", timesUsual)
            : String.format(Locale.ROOT, "%.0fx", timesUsual),
        cues.isEmpty() ? "" : "; " + cues);
  }

  private static String span(Duration d) {
    if (d.toHours() % 24 == 0) {
      return d.toDays() + " d";
    }
    return d.toMinutes() % 60 == 0 ? d.toHours() + " h" : d.toMinutes() + " min";
  }

  private static Story story(EnrichedArticle article, double weight) {
    return new Story(article.getId(), article.getTitle(), article.getUrl(), article.getSource(),
        article.getPublishedAt().toEpochMilli(), weight, article.getIntensity().getScore(),
        article.getIntensity().getCues(),
        article.getActors().stream().map(ActorMention::getName).distinct().toList());
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

  /** Deterministic, so that a replay raises the same alert with the same id. */
  static String alertId(long placeId, Level level, long windowStart) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(
          (placeId + "|" + level + "|" + windowStart).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
