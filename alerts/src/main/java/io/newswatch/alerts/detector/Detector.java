package io.newswatch.alerts.detector;

import io.newswatch.alerts.detector.PlaceState.Count;
import io.newswatch.alerts.detector.PlaceState.Rest;
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
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
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
 * <p>Reports are counted in event-time buckets; the last {@link DetectorSettings#window()} of
 * buckets is compared with a baseline, an EWMA of the buckets before it (floored, and starting
 * at a prior for a place never seen), shaped by the place's daily cycle when buckets are
 * shorter than a day (an EWMA per hour of the day, shrunk towards flat: a busy place's quiet
 * nights and morning rush are usual, not news). Two scores judge it: a spike score
 * {@code (observed - expected) / sqrt(variance)} with a negative-binomial variance
 * {@code expected + overdispersion * expected^2}, as news coverage swings more from day to day
 * than a Poisson count; and a one-sided CUSUM for a doubling of the usual rate, stepping once
 * a day, which catches climbs too slow to spike. A level is entered when
 * either score and the window's reports, stories and sources reach its rule, as soon as the
 * article that does it arrives. Outlets new to the place joining in take a risen window one
 * level further: a story spreading to outlets that never covered the place is breadth the
 * counts miss. A level is left only when a complete window scores well below what the level
 * below it needs (hysteresis). A rise raises one alert, unless an alert at that level or above
 * was raised within the cooldown. Time moves only with the articles: a place that goes quiet
 * keeps its level until its next story.
 */
public final class Detector {
  private static final Logger log = LoggerFactory.getLogger(Detector.class);
  /** windowStart of a place without stories yet. */
  private static final long NEVER = Long.MIN_VALUE;
  /** The rise the CUSUM is tuned to: a doubling of the usual rate. */
  private static final double CUSUM_RATIO = 2.0;
  /** Every level needs this many distinct stories: one story, however echoed, never alerts. */
  private static final int MIN_STORIES = 2;
  private static final int EVIDENCE_STORIES = 5;
  private static final int TOP_ACTORS = 5;
  private static final int SUMMARY_CUES = 3;
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
  /**
   * How strongly a place's daily cycle is shrunk towards flat: as if every bucket of the day
   * also had this rate. A place with a few stories a day keeps a flat cycle (its counts are too
   * sparse to show one); a place with dozens learns the night lull and the morning rush.
   */
  private static final double CYCLE_PRIOR_PER_DAY = 2.0;

  /** What became of one article. */
  public record Outcome(Optional<Alert> alert, boolean droppedLate) {
    static final Outcome NOTHING = new Outcome(Optional.empty(), false);
    static final Outcome LATE = new Outcome(Optional.empty(), true);
  }

  private final DetectorSettings settings;
  private final long placeId;
  private final String placeName;
  private final String countryCode;
  private final double lat;
  private final double lon;
  private Level level;
  private double baseline;
  private double cusum;
  private double dayObserved;
  private double dayExpected;
  private long windowStart;
  private final Coverage window;
  private final Map<Level, Long> lastAlertAt = new EnumMap<>(Level.class);
  private final TreeMap<String, Long> knownOutlets = new TreeMap<>();
  private final double[] dailyCycle;
  /** See {@link PlaceState#history()}: oldest first, none older than {@link #HISTORY_BUCKETS} before the window. */
  private final ArrayDeque<Count> history;
  /** The mean of {@link #dailyCycle}, computed again whenever it changes, as every judgement needs it. */
  private double cycleMean;

  private Detector(DetectorSettings settings, PlaceState state) {
    this.settings = settings;
    this.placeId = state.placeId();
    this.placeName = state.placeName();
    this.countryCode = state.countryCode();
    this.lat = state.lat();
    this.lon = state.lon();
    this.level = state.level();
    this.baseline = state.baseline();
    this.cusum = state.cusum();
    this.dayObserved = state.dayObserved();
    this.dayExpected = state.dayExpected();
    this.windowStart = state.windowStart();
    this.window = new Coverage(state.buckets());
    lastAlertAt.putAll(state.lastAlertAt());
    knownOutlets.putAll(state.knownOutlets());
    this.history = new ArrayDeque<>(state.history());
    this.dailyCycle = new double[settings.bucketsPerDay()];
    if (state.dailyCycle().size() == dailyCycle.length) {
      for (int i = 0; i < dailyCycle.length; i++) {
        dailyCycle[i] = state.dailyCycle().get(i);
      }
    } else {
      Arrays.fill(dailyCycle, baseline); // a new place, or another bucket size: flat to begin with
    }
    cycleChanged();
  }

  /** A detector for a place not seen before: its baseline starts at the prior. */
  public static Detector start(DetectorSettings settings, PlaceMention place) {
    double prior = settings.perBucket(settings.priorPerDay());
    return new Detector(settings, new PlaceState(place.getGeonameId(), place.getName(),
        place.getCountryCode(), place.getLat(), place.getLon(), Level.NORMAL,
        prior, 0, 0, 0, NEVER, List.of(), Map.of(), Map.of(), List.of(), settings.bucketMillis(), settings.windowBuckets(), List.of()));
  }

  /** A detector that carries on from a stored state. */
  public static Detector resume(DetectorSettings settings, PlaceState state) {
    return new Detector(settings, state);
  }

  /**
   * The detector for an article published at {@code eventTime} about {@code place}:
   * {@code cached} while the place is not {@link #forgotten} by then; otherwise made from the
   * cached detector's state or, with none, the {@code stored} one: started at the prior when
   * the place has no state, restarted as a quiet place when it is forgotten, resumed otherwise.
   */
  public static Detector forArticle(DetectorSettings settings, Detector cached, Supplier<PlaceState> stored,
      PlaceMention place, long eventTime) {
    if (cached != null && !cached.forgotten(eventTime)) {
      return cached;
    }
    PlaceState state = cached != null ? cached.state() : stored.get();
    if (state == null) {
      return start(settings, place);
    }
    return resume(settings, forgotten(settings, state, eventTime) ? forget(settings, state) : state);
  }

  /**
   * True when the place has had no story for {@link DetectorSettings#memory()} before
   * {@code eventTime}: by then its outlets are forgotten, its CUSUM spent and its baseline at
   * the floor, and its state can shrink to what {@link #forget} keeps.
   */
  static boolean forgotten(DetectorSettings settings, PlaceState state, long eventTime) {
    return forgotten(settings, state.windowStart(), eventTime);
  }

  /**
   * A forgotten place, as a quiet one: its name and position, and a baseline at the floor; no
   * stories, outlets, alert times or daily cycle. A few hundred bytes. A place is forgotten
   * only when its own next article comes (by that article's time, see {@link #forArticle}), so
   * that what it is judged on is a function of its own articles, whatever the other places of
   * its partition did; until then a quiet place keeps the state of its last window.
   */
  static PlaceState forget(DetectorSettings settings, PlaceState state) {
    return new PlaceState(state.placeId(), state.placeName(), state.countryCode(), state.lat(), state.lon(),
        Level.NORMAL, settings.perBucket(settings.floorPerDay()), 0, 0, 0, NEVER, List.of(), Map.of(), Map.of(),
        List.of(), settings.bucketMillis(), settings.windowBuckets(), List.of());
  }

  /** See {@link #forgotten(DetectorSettings, PlaceState, long)}. */
  private boolean forgotten(long eventTime) {
    return forgotten(settings, windowStart, eventTime);
  }

  private static boolean forgotten(DetectorSettings settings, long windowStart, long eventTime) {
    return windowStart != NEVER
        && windowStart + settings.windowLength().toMillis() + settings.memory().toMillis() < eventTime;
  }

  public PlaceState state() {
    return new PlaceState(placeId, placeName, countryCode, lat, lon, level, baseline, cusum,
        dayObserved, dayExpected, windowStart, window.buckets(), lastAlertAt, knownOutlets,
        Arrays.stream(dailyCycle).boxed().toList(), settings.bucketMillis(), settings.windowBuckets(), List.copyOf(history));
  }

  /**
   * Counts an article that mentions this place and returns the alert when that raised the
   * place's level. A story counts by how much it is about the place; a copy of a story
   * ({@code duplicateOf} set) counts as an echo when its outlet is new to the window, and not
   * at all otherwise. An article older than the window counts in the
   * baseline within the grace period, and is dropped after it. {@code feedPerDay} is the
   * whole feed's volume when the article was read ({@link FeedVolume}): it scales the reports
   * a level needs.
   */
  public Outcome onArticle(EnrichedArticle article, double feedPerDay) {
    boolean mentioned = article.getPlaces().stream().anyMatch(p -> p.getGeonameId() == placeId);
    if (!mentioned) {
      return Outcome.NOTHING;
    }
    long publishedAt = article.getPublishedAt().toEpochMilli();
    long bucket = Math.floorDiv(publishedAt, settings.bucketMillis()) * settings.bucketMillis();
    if (windowStart != NEVER && bucket < windowStart) {
      return late(article, bucket);
    }
    advanceTo(bucket, feedPerDay);
    if (window.contains(article.getId())) {
      return Outcome.NOTHING; // the same article again (redelivered, or naming the place twice)
    }
    String outlet = Outlets.of(article.getSource(), article.getUrl());
    String copyOf = article.getDuplicateOf();
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
          placeName, article.getId(), article.getPublishedAt(), settings.grace());
      return Outcome.LATE;
    }
    remember(Outlets.of(article.getSource(), article.getUrl()), bucket);
    if (article.getDuplicateOf() == null) {
      long foldsSince = (windowStart - bucket) / settings.bucketMillis() - 1;
      double alpha = settings.baselineAlpha();
      baseline += alpha * Math.pow(1 - alpha, foldsSince) * weight(article);
    }
    return Outcome.NOTHING;
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
  private void advanceTo(long bucket, double feedPerDay) {
    long newStart = bucket - (settings.windowBuckets() - 1) * settings.bucketMillis();
    if (windowStart == NEVER) {
      windowStart = newStart;
    }
    if (newStart <= windowStart) {
      return;
    }
    foldUntil(newStart - settings.bucketMillis());
    double score = score();
    double climb = windowCusum();
    if (level != Level.NORMAL && score < settings.holding(level).minScore() * settings.hysteresis()
        && climb < settings.holding(level).minCusum() * settings.hysteresis()) {
      Needs needs = needs(feedPerDay);
      level = withNewOutlets(countedLevel(score, climb, needs), needs);
    }
    foldUntil(newStart);
  }

  /**
   * Folds the buckets before {@code newStart}, empty ones included, into the baseline and the
   * CUSUM. A long quiet run is folded bucket by bucket only until the CUSUM is
   * spent, its day complete and the baseline at its floor; the rest has a closed form.
   */
  private void foldUntil(long newStart) {
    long bucketMillis = settings.bucketMillis();
    while (windowStart < newStart) {
      Long oldest = window.oldestBucket();
      if (oldest != null && oldest == windowStart) {
        fold(window.weightOf(oldest));
        history.addLast(window.countOf(oldest));
        window.dropOldest().forEach(outlet -> remember(outlet, oldest));
        windowStart += bucketMillis;
      } else {
        long quiet = (Math.min(newStart, oldest == null ? newStart : oldest) - windowStart) / bucketMillis;
        long wholeDays = quiet - quiet % settings.bucketsPerCusumStep();
        if (cusum > 0 || baseline > floorPerBucket() || wholeDays == 0
            || !endsCusumStep(windowStart - bucketMillis)) {
          fold(0);
          windowStart += bucketMillis;
        } else {
          baseline *= Math.pow(1 - settings.baselineAlpha(), wholeDays);
          double cycleDecay = Math.pow(1 - settings.dailyCycleAlpha(), (double) wholeDays / settings.bucketsPerCusumStep());
          for (int i = 0; i < dailyCycle.length; i++) {
            dailyCycle[i] *= cycleDecay;
          }
          cycleChanged();
          windowStart += wholeDays * bucketMillis;
        }
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

  /**
   * The bucket at {@code windowStart} leaves the window with this weight of reports. The CUSUM
   * steps once a day (or once a bucket, when buckets are longer): coverage swings from day to
   * day, so the hours of a busy day are one piece of evidence, not twenty-four.
   */
  private void fold(double observed) {
    dayObserved += observed;
    dayExpected += expectedIn(windowStart);
    if (dailyCycle.length > 0) {
      int bin = timeOfDay(windowStart);
      dailyCycle[bin] += settings.dailyCycleAlpha() * (observed - dailyCycle[bin]);
      cycleChanged();
    }
    if (endsCusumStep(windowStart)) {
      cusum = cusumStep(cusum, dayObserved, dayExpected);
      dayObserved = 0;
      dayExpected = 0;
    }
    baseline += settings.baselineAlpha() * (observed - baseline);
  }

  private boolean endsCusumStep(long bucket) {
    long index = Math.floorDiv(bucket, settings.bucketMillis());
    return Math.floorMod(index + 1, settings.bucketsPerCusumStep()) == 0;
  }

  /**
   * The CUSUM's step for a doubling of the rate: the log-likelihood ratio of the observed weight
   * under the doubled and the usual rate, negative-binomial like the spike score (Poisson when
   * there is no overdispersion), floored at 0.
   */
  private double cusumStep(double cusum, double observed, double expected) {
    double r = settings.overdispersion();
    double rise = r == 0
        ? observed * Math.log(CUSUM_RATIO) - (CUSUM_RATIO - 1) * expected
        : observed * Math.log(CUSUM_RATIO * (1 + r * expected) / (1 + r * CUSUM_RATIO * expected))
            - Math.log((1 + r * CUSUM_RATIO * expected) / (1 + r * expected)) / r;
    return Math.max(0, cusum + rise);
  }

  /**
   * The CUSUM carried on over the window's buckets, empty ones included, a day not yet complete
   * making a step of its own.
   */
  private double windowCusum() {
    double climb = cusum;
    double observed = dayObserved;
    double expected = dayExpected;
    for (int i = 0; i < settings.windowBuckets(); i++) {
      long bucket = windowStart + i * settings.bucketMillis();
      observed += window.weightOf(bucket);
      expected += expectedIn(bucket);
      if (endsCusumStep(bucket)) {
        climb = cusumStep(climb, observed, expected);
        observed = 0;
        expected = 0;
      }
    }
    return expected > 0 ? cusumStep(climb, observed, expected) : climb;
  }

  /** Raises the level if the window now enters a higher one. */
  private Optional<Alert> evaluate(long detectedAt, double feedPerDay) {
    double score = score();
    double climb = windowCusum();
    Needs needs = needs(feedPerDay);
    Level counted = countedLevel(score, climb, needs);
    Level entered = withNewOutlets(counted, needs);
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
    boolean sustained = score < settings.entryScore(settings.rule(counted));
    return Optional.of(alert(previous, score, sustained, detectedAt));
  }

  /** Stories expected in a bucket: the baseline, but never below the floor. */
  private double expectedPerBucket() {
    return Math.max(baseline, floorPerBucket());
  }

  /**
   * Stories expected in {@code bucket}: the baseline, floored, shaped by the place's daily
   * cycle, so that a place's usual morning rush is not a spike.
   */
  private double expectedIn(long bucket) {
    if (dailyCycle.length == 0) {
      return expectedPerBucket();
    }
    double prior = settings.perBucket(CYCLE_PRIOR_PER_DAY);
    return expectedPerBucket() * (dailyCycle[timeOfDay(bucket)] + prior) / (cycleMean + prior);
  }

  private void cycleChanged() {
    cycleMean = Arrays.stream(dailyCycle).average().orElse(0);
  }

  private int timeOfDay(long bucket) {
    return (int) Math.floorMod(Math.floorDiv(bucket, settings.bucketMillis()), (long) dailyCycle.length);
  }

  private double expectedInWindow() {
    double expected = 0;
    for (int i = 0; i < settings.windowBuckets(); i++) {
      expected += expectedIn(windowStart + i * settings.bucketMillis());
    }
    return Math.max(expected, settings.floorPerDay());
  }

  private double floorPerBucket() {
    return settings.perBucket(settings.floorPerDay());
  }

  /**
   * The z-score of the window's weighted reports against the baseline, negative-binomial. A
   * window shorter than a day expects at least a day's floor: a handful of stories within hours
   * about a quiet town happen too often by chance to be an escalation on their own.
   */
  private double score() {
    double expected = expectedInWindow();
    double variance = expected + settings.overdispersion() * expected * expected;
    return (window.weight() - expected) / Math.sqrt(variance);
  }

  /**
   * The reports a window needs beyond its rule's scores: the rule's {@code minReports} shrunk by
   * {@code shrink} for a thin feed, never below {@link #MIN_STORIES}, plus {@code usual}, the
   * weight the place's baseline expects in the window (at least the floor), so that what is
   * asked of a place is that many reports beyond its usual (see {@link DetectorSettings.LevelRule}).
   */
  private record Needs(double shrink, double usual) {
    boolean met(DetectorSettings.LevelRule rule, int reports) {
      return reports >= Math.max(MIN_STORIES, rule.minReports() * shrink) + usual;
    }
  }

  private Needs needs(double feedPerDay) {
    return new Needs(Math.sqrt(Math.min(1, feedPerDay / settings.fullFeedPerDay())), expectedInWindow());
  }

  /** The level the window's scores and counts reach, before new outlets have their say. */
  private Level countedLevel(double score, double climb, Needs needs) {
    if (window.storyCount() < MIN_STORIES) {
      return Level.NORMAL;
    }
    int outlets = window.outletCount();
    Level entered = Level.NORMAL;
    for (DetectorSettings.LevelRule rule : settings.rules()) {
      if ((score >= settings.entryScore(rule) || climb >= rule.minCusum())
          && needs.met(rule, window.reportCount()) && outlets >= rule.minSources()) {
        entered = rule.level();
      }
    }
    return entered;
  }

  /**
   * The level the window enters: outlets that have not covered the place within the memory
   * joining in is breadth of attention that the counts miss (a story picked up by outlets that
   * never cared about the place), so as many of them as the next level's sources, with that
   * level's reports, take a window that has risen one level further.
   */
  private Level withNewOutlets(Level counted, Needs needs) {
    if (counted == Level.NORMAL || counted == Level.CRITICAL) {
      return counted;
    }
    DetectorSettings.LevelRule next = settings.rules().get(counted.ordinal());
    return newOutlets() >= next.minSources() && needs.met(next, window.reportCount())
        ? next.level() : counted;
  }

  private int newOutlets() {
    return window.outletCount(o -> !knownOutlets.containsKey(o));
  }

  private boolean coolingDown(Level rising, long now) {
    long cooldown = settings.cooldown().toMillis();
    return lastAlertAt.entrySet().stream()
        .anyMatch(e -> e.getKey().compareTo(rising) >= 0 && now - e.getValue() < cooldown);
  }

  private Alert alert(Level previous, double score, boolean sustained, long detectedAt) {
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
        .setStories(window.storyCount())
        .setSources(sources)
        .setBaseline(expectedPerBucket)
        .setScore(score)
        .setIntensity(window.meanIntensity())
        .setTopActors(window.topActors(TOP_ACTORS))
        .setEvidence(window.topStories(EVIDENCE_STORIES).stream().map(Detector::evidence).toList())
        .setSummary(summary(sources.size(), newOutlets(),
            window.weight() / expectedInWindow(), sustained))
        .setDetectedAt(Instant.ofEpochMilli(detectedAt))
        .build();
  }

  /**
   * E.g. "Kostiantynivka: 14 stories from 9 sources (4 new) in 6 h, 7x usual; intense fighting,
   * shelling", counting the sources new to the place, and saying "a sustained rise" when the
   * climb, not the spike, raised the level.
   */
  private String summary(int sources, int newSources, double timesUsual, boolean sustained) {
    String cues = String.join(", ", window.topCues(SUMMARY_CUES));
    return String.format(Locale.ROOT, "%s: %d stories from %d sources%s in %s, %s usual%s%s",
        placeName, window.storyCount(), sources,
        newSources == 0 ? "" : " (" + newSources + " new)", span(settings.windowLength()),
        timesUsual < 10 ? String.format(Locale.ROOT, "%.1fx", timesUsual)
            : String.format(Locale.ROOT, "%.0fx", timesUsual),
        sustained ? ", a sustained rise" : "",
        cues.isEmpty() ? "" : "; " + cues);
  }

  private static String span(Duration d) {
    if (d.toHours() % 24 == 0) {
      return d.toDays() + " d";
    }
    return d.toMinutes() % 60 == 0 ? d.toHours() + " h" : d.toMinutes() + " min";
  }

  private static Story story(EnrichedArticle article, double weight, String echoOf) {
    return new Story(article.getId(), article.getTitle(), article.getUrl(), article.getSource(),
        article.getPublishedAt().toEpochMilli(), weight, article.getIntensity().getScore(),
        article.getIntensity().getCues(),
        article.getActors().stream().map(ActorMention::getName).distinct().toList(), echoOf);
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
