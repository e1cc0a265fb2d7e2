package io.newswatch.alerts.detector;

import io.newswatch.alerts.detector.PlaceState.Count;
import io.newswatch.alerts.detector.PlaceState.Rest;
import io.newswatch.alerts.detector.PlaceState.Story;
import io.newswatch.avro.ActorMention;
import io.newswatch.avro.Alert;
import io.newswatch.avro.EnrichedArticle;
import io.newswatch.avro.Level;
import io.newswatch.avro.PlaceMention;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The escalation detector of one place: pure, driven by event time only, so a replay of the
 * same articles in the same order yields the same alerts, ids included.
 *
 * <p>Reports are counted in event-time buckets. The last {@link DetectorSettings#window()} of
 * buckets is the window ({@link Coverage}); the buckets that leave it are folded into the
 * place's {@link Expectation} (baseline, daily cycle, CUSUM), which scores the window; the
 * {@link LevelPolicy} turns scores and counts into the place's level, as soon as the article
 * that does it arrives; a rise raises one alert ({@link AlertWriter}). Time moves only with
 * the articles: a place that goes quiet keeps its level until its next story. Which detector
 * an article meets, and when a place is forgotten, is {@link PlaceMemory}'s.
 *
 * <p>The detector owns the place's state: {@link #state()} is what it stores, and
 * {@link #resume} carries on from it.
 */
public final class Detector {
  private static final Logger log = LoggerFactory.getLogger(Detector.class);
  /**
   * Reports a window keeps in full (evidence, outlets, actors, cues); those beyond are only
   * counted. Several times what any level needs, and it bounds a place's stored stories (and
   * the detector kept in memory) to some ten kilobytes however many stories it gets.
   */
  public static final int STORIES_KEPT = 50;
  /**
   * Buckets before the window whose counts a place keeps for its timeline: a week of hourly
   * buckets, 24 weeks of day buckets. At most one small entry per bucket that had reports.
   */
  public static final int HISTORY_BUCKETS = 168;

  /** What became of one article. */
  public record Outcome(Optional<Alert> alert, boolean droppedLate) {
    static final Outcome NOTHING = new Outcome(Optional.empty(), false);
    static final Outcome LATE = new Outcome(Optional.empty(), true);
  }

  private final DetectorSettings settings;
  private final LevelPolicy policy;
  private final AlertWriter.Place place;
  private Level level;
  /** The first bucket of the window, or {@link PlaceMemory#NEVER} before the place's first story. */
  private long windowStart;
  private final Coverage window;
  /** The baseline, daily cycle and CUSUM of the buckets that have left the window. */
  private final Expectation expectation;
  private final Map<Level, Long> lastAlertAt = new EnumMap<>(Level.class);
  /** See {@link PlaceState#knownOutlets()}. */
  private final TreeMap<String, Long> knownOutlets = new TreeMap<>();
  /** See {@link PlaceState#history()}: oldest first, none older than {@link #HISTORY_BUCKETS} before the window. */
  private final ArrayDeque<Count> history;
  private final Originals originals;

  private Detector(DetectorSettings settings, PlaceState state) {
    this.settings = settings;
    this.policy = new LevelPolicy(settings);
    this.place = new AlertWriter.Place(state.placeId(), state.placeName(), state.countryCode(), state.lat(),
        state.lon());
    this.level = state.level();
    this.windowStart = state.windowStart();
    this.window = new Coverage(state.buckets());
    this.expectation = new Expectation(settings, state);
    lastAlertAt.putAll(state.lastAlertAt());
    knownOutlets.putAll(state.knownOutlets());
    this.history = new ArrayDeque<>(state.history());
    this.originals = new Originals(state.originals());
  }

  /** A detector for a place not seen before: its baseline starts at the prior. */
  public static Detector start(DetectorSettings settings, PlaceMention place) {
    return new Detector(settings, PlaceMemory.firstSeen(settings, place));
  }

  /** A detector that carries on from a stored state. */
  public static Detector resume(DetectorSettings settings, PlaceState state) {
    return new Detector(settings, state);
  }

  /**
   * The detector for an article published at {@code eventTime} about {@code place}: the
   * {@code cached} one, or one made from its state, the {@code stored} one, or none, as
   * {@link PlaceMemory#forArticle} decides.
   */
  public static Detector forArticle(DetectorSettings settings, Detector cached, Supplier<PlaceState> stored,
      PlaceMention place, long eventTime) {
    return PlaceMemory.forArticle(settings, cached, stored, place, eventTime);
  }

  public PlaceState state() {
    return new PlaceState(place.id(), place.name(), place.countryCode(), place.lat(), place.lon(), level,
        expectation.baseline(), expectation.cusum(), expectation.dayObserved(), expectation.dayExpected(),
        windowStart, window.buckets(), lastAlertAt, knownOutlets, expectation.dailyCycle(),
        settings.bucketMillis(), settings.windowBuckets(), List.copyOf(history), originals.list());
  }

  long windowStart() {
    return windowStart;
  }

  /**
   * Counts an article that mentions this place and returns the alert when that raised the
   * place's level. A story counts by how much it is about the place; a copy of one of the place's
   * stories ({@link Originals}) counts as an echo when its outlet is new to the window, and not
   * at all otherwise; the same article again does not count. An article older than the window counts in the
   * baseline within the grace period, and is dropped after it. {@code feedPerDay} is the
   * whole feed's volume when the article was read ({@link FeedVolume}): it scales the reports
   * a level needs.
   */
  public Outcome onArticle(EnrichedArticle article, double feedPerDay) {
    boolean mentioned = article.getPlaces().stream().anyMatch(p -> p.getGeonameId() == place.id());
    if (!mentioned) {
      return Outcome.NOTHING;
    }
    long publishedAt = article.getPublishedAt().toEpochMilli();
    long bucket = Math.floorDiv(publishedAt, settings.bucketMillis()) * settings.bucketMillis();
    if (windowStart != PlaceMemory.NEVER && bucket < windowStart) {
      return late(article, bucket);
    }
    advanceTo(bucket, feedPerDay);
    if (window.contains(article.getId())) {
      return Outcome.NOTHING; // the same article again (redelivered, or naming the place twice)
    }
    String outlet = Outlets.of(article.getSource(), article.getUrl());
    String copyOf = originalOf(article, publishedAt);
    if (article.getId().equals(copyOf)) {
      return Outcome.NOTHING; // seen before, its bucket since folded
    }
    if (copyOf != null && (settings.echoWeight() == 0 || window.hasOutlet(outlet))) {
      return Outcome.NOTHING; // echoes measure breadth: only an outlet new to the window adds
    }
    double weight = weight(article) * (copyOf == null ? 1 : settings.echoWeight());
    if (window.full()) {
      window.count(bucket, new Rest(1, copyOf == null ? 1 : 0, weight, article.getIntensity().getScore(),
          List.of(outlet)));
    } else {
      window.keep(bucket, story(article, weight, copyOf));
    }
    return new Outcome(evaluate(publishedAt, feedPerDay), false);
  }

  /**
   * An article whose bucket has left the window: within the grace period its weight is added to
   * the baseline as if it had been there when the bucket was folded in; after it, it is dropped.
   */
  private Outcome late(EnrichedArticle article, long bucket) {
    long latestBucket = windowStart + (settings.windowBuckets() - 1) * settings.bucketMillis();
    if (latestBucket - bucket > settings.grace().toMillis()) {
      log.info("{}: article {} of {} is more than {} behind the place's latest coverage; not counted",
          place.name(), article.getId(), article.getPublishedAt(), settings.grace());
      return Outcome.LATE;
    }
    String copyOf = originalOf(article, article.getPublishedAt().toEpochMilli());
    if (article.getId().equals(copyOf)) {
      return Outcome.NOTHING;
    }
    remember(Outlets.of(article.getSource(), article.getUrl()), bucket);
    if (copyOf == null) {
      expectation.foldLate((windowStart - bucket) / settings.bucketMillis() - 1, weight(article));
    }
    return Outcome.NOTHING;
  }

  /** See {@link Originals#originalOf}. */
  private String originalOf(EnrichedArticle article, long publishedAt) {
    return originals.originalOf(article.getId(), article.getFingerprint(), publishedAt);
  }

  /** A story about the place counts fully; one that only mentions it in passing counts less. */
  private double weight(EnrichedArticle article) {
    PlaceMention focus = article.getFocus();
    return focus == null || focus.getGeonameId() == place.id() ? 1.0 : settings.passingMentionWeight();
  }

  /**
   * Moves the window so that it ends with the given bucket, folding what leaves it into the
   * expectation. On the way the level is judged on the last complete window: a partial window
   * (the current bucket has just begun) can raise the level but never lower it.
   */
  private void advanceTo(long bucket, double feedPerDay) {
    long newStart = bucket - (settings.windowBuckets() - 1) * settings.bucketMillis();
    if (windowStart == PlaceMemory.NEVER) {
      windowStart = newStart;
    }
    if (newStart <= windowStart) {
      return;
    }
    foldUntil(newStart - settings.bucketMillis());
    double score = score();
    double climb = climb();
    if (policy.leaves(level, score, climb)) {
      LevelPolicy.Needs needs = needs(feedPerDay);
      LevelPolicy.Counts counts = counts();
      level = policy.withNewOutlets(policy.counted(score, climb, needs, counts), needs, counts, this::newOutlets);
    }
    foldUntil(newStart);
  }

  /**
   * Folds the buckets before {@code newStart}, empty ones included, into the expectation, and
   * keeps their counts in the history and their outlets among the known ones.
   */
  private void foldUntil(long newStart) {
    long bucketMillis = settings.bucketMillis();
    while (windowStart < newStart) {
      Long oldest = window.oldestBucket();
      if (oldest != null && oldest == windowStart) {
        expectation.fold(windowStart, window.weightOf(oldest));
        history.addLast(window.countOf(oldest));
        window.dropOldest().forEach(outlet -> remember(outlet, oldest));
        windowStart += bucketMillis;
      } else {
        long quiet = (Math.min(newStart, oldest == null ? newStart : oldest) - windowStart) / bucketMillis;
        windowStart += expectation.foldQuiet(windowStart, quiet) * bucketMillis;
      }
    }
    long historyStart = windowStart - HISTORY_BUCKETS * settings.bucketMillis();
    while (!history.isEmpty() && history.peekFirst().start() < historyStart) {
      history.removeFirst();
    }
    long forgetBefore = windowStart - settings.memory().toMillis();
    knownOutlets.values().removeIf(seen -> seen < forgetBefore);
  }

  /** An outlet whose story has left the window is now one of the place's usual ones. */
  private void remember(String outlet, long bucket) {
    knownOutlets.merge(outlet, bucket, Math::max);
  }

  /** Raises the level if the window now enters a higher one. */
  private Optional<Alert> evaluate(long detectedAt, double feedPerDay) {
    double score = score();
    double climb = climb();
    LevelPolicy.Needs needs = needs(feedPerDay);
    LevelPolicy.Counts counts = counts();
    Level counted = policy.counted(score, climb, needs, counts);
    Level entered = policy.withNewOutlets(counted, needs, counts, this::newOutlets);
    Level previous = level;
    if (entered.compareTo(previous) <= 0) {
      return Optional.empty();
    }
    level = entered;
    if (policy.coolingDown(lastAlertAt, entered, detectedAt)) {
      log.debug("{}: rose to {} within the cooldown, no alert", place.name(), entered);
      return Optional.empty();
    }
    lastAlertAt.put(entered, detectedAt);
    AlertWriter.Rise rise = new AlertWriter.Rise(previous, entered, score, expectation.expectedPerBucket(),
        window.weight() / expectation.expectedInWindow(windowStart), newOutlets(),
        policy.sustained(counted, score), detectedAt);
    return Optional.of(AlertWriter.alert(place, windowStart, settings.windowLength(), window, rise));
  }

  private double score() {
    return expectation.score(windowStart, window.weight());
  }

  private double climb() {
    return expectation.climb(windowStart, window::weightOf);
  }

  private LevelPolicy.Needs needs(double feedPerDay) {
    return policy.needs(feedPerDay, expectation.expectedInWindow(windowStart));
  }

  private LevelPolicy.Counts counts() {
    return new LevelPolicy.Counts(window.storyCount(), window.reportCount(), window.outletCount());
  }

  /** Outlets in the window that have not covered the place within the memory. */
  private int newOutlets() {
    return window.outletCount(o -> !knownOutlets.containsKey(o));
  }

  private static Story story(EnrichedArticle article, double weight, String echoOf) {
    return new Story(article.getId(), article.getTitle(), article.getUrl(), article.getSource(),
        article.getPublishedAt().toEpochMilli(), weight, article.getIntensity().getScore(),
        article.getIntensity().getCues(),
        article.getActors().stream().map(ActorMention::getName).distinct().toList(), echoOf);
  }
}
