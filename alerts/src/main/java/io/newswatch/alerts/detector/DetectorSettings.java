package io.newswatch.alerts.detector;

import io.newswatch.avro.Level;
import java.time.Duration;
import java.util.List;

/**
 * How the detector counts and when it raises a level. Rates are per day so that they mean
 * the same whatever the bucket size.
 *
 * @param bucket the event-time bucket stories are counted in (1 h live; 1 d for day-dated feeds)
 * @param window the span whose stories are compared with the baseline, rounded up to whole
 *     buckets and never shorter than one bucket
 * @param baselineHalfLife how fast the baseline forgets: a bucket this old weighs half as much
 * @param priorPerDay the baseline of a place never seen before, so its first story is no spike
 * @param floorPerDay the lowest baseline, so that quiet places do not alert on noise
 * @param overdispersion the variance of a window's count beyond the Poisson one, as a fraction
 *     of its squared expectation: 0.25 means coverage typically swings by half from one window
 *     to the next, so a busy place needs a proportionally bigger jump than a quiet one
 * @param passingMentionWeight what a story counts for a place it mentions but is not about
 *     (a story whose focus is the place, or that has no focus, counts 1)
 * @param echoWeight what a copy of a story counts when a new outlet publishes it (times the
 *     weight the story has for the place): syndication is not a new story, but an outlet
 *     picking a story up is breadth of coverage
 * @param grace how far behind the place's latest bucket an article may arrive and still count
 *     (in the baseline once its bucket has left the window); older ones are dropped and counted
 * @param rules the entry conditions of ELEVATED, ESCALATING and CRITICAL, lowest first
 * @param fullFeedPerDay the feed volume (articles a day over the whole feed, see {@link FeedVolume})
 *     the rules' report minimums are written for; a thinner feed reports the same events in
 *     fewer articles, so below it the minimums shrink (see {@link LevelRule})
 * @param hysteresis a level is left only when the scores fall below this fraction of the
 *     entry scores of the level below it (ELEVATED: its own), so that coverage hovering at a
 *     threshold does not flap
 * @param cooldown after an alert at a level, rises to that level or below stay silent this long
 * @param memory how long a place remembers the outlets that covered it, for telling new
 *     outlets from its usual ones
 */
public record DetectorSettings(
    Duration bucket,
    Duration window,
    Duration baselineHalfLife,
    double priorPerDay,
    double floorPerDay,
    double overdispersion,
    double passingMentionWeight,
    double echoWeight,
    Duration grace,
    List<LevelRule> rules,
    double fullFeedPerDay,
    double hysteresis,
    Duration cooldown,
    Duration memory) {

  /**
   * A level is entered when the window's spike score or the sustained-climb CUSUM reaches
   * these, and the window has enough reports (stories and their echoes by other outlets) from
   * enough distinct sources. Every level also needs two distinct stories, so one story however
   * widely syndicated never alerts, and the source minimum keeps one outlet's live blog from
   * alerting. {@code minScore} is for a window judged once a day; see {@link #entryScore}.
   *
   * <p>{@code minReports} is what a feed of {@link #fullFeedPerDay} or more needs beyond the
   * reports the place's baseline expects in the window. In a thinner feed it shrinks with the
   * square root of the feed's share of that volume, never below two: a feed a quarter as busy
   * needs half the reports. Shrinking in proportion would leave only the two-story floor in a
   * feed a tenth as busy; not shrinking leaves a thin feed no escalation at all. Sources do not
   * shrink: breadth means as much in any feed.
   */
  public record LevelRule(Level level, double minScore, double minCusum, int minReports, int minSources) {}

  public DetectorSettings {
    requirePositive(bucket, "bucket");
    requirePositive(window, "window");
    requirePositive(baselineHalfLife, "baselineHalfLife");
    if (floorPerDay <= 0 || priorPerDay < floorPerDay) {
      throw new IllegalArgumentException("need 0 < floorPerDay <= priorPerDay");
    }
    if (overdispersion < 0) {
      throw new IllegalArgumentException("overdispersion must not be negative");
    }
    requireFraction(passingMentionWeight, "passingMentionWeight");
    requireFraction(echoWeight, "echoWeight");
    if (grace == null || grace.isNegative()) {
      throw new IllegalArgumentException("grace must not be negative");
    }
    if (hysteresis <= 0 || hysteresis > 1) {
      throw new IllegalArgumentException("hysteresis must be within (0, 1]");
    }
    if (cooldown == null || cooldown.isNegative()) {
      throw new IllegalArgumentException("cooldown must not be negative");
    }
    requirePositive(memory, "memory");
    if (!(fullFeedPerDay > 0)) {
      throw new IllegalArgumentException("fullFeedPerDay must be positive");
    }
    rules = List.copyOf(rules);
    for (int i = 0; i < rules.size(); i++) {
      if (rules.get(i).level().ordinal() != i + 1) {
        throw new IllegalArgumentException("rules must be ELEVATED, ESCALATING, CRITICAL in order");
      }
    }
  }

  /**
   * Hourly buckets compared over 6 h against a baseline with a one-week half-life; the report
   * minimums are those of a feed of a thousand articles a day.
   */
  public static DetectorSettings defaults() {
    return new DetectorSettings(
        Duration.ofHours(1),
        Duration.ofHours(6),
        Duration.ofDays(7),
        1.0,
        0.5,
        0.25,
        0.5,
        0.5,
        Duration.ofDays(1),
        List.of(
            new LevelRule(Level.ELEVATED, 3.0, 4.0, 3, 2),
            new LevelRule(Level.ESCALATING, 4.5, 6.0, 5, 3),
            new LevelRule(Level.CRITICAL, 8.0, 12.0, 8, 5)),
        1_000,
        0.5,
        Duration.ofHours(24),
        Duration.ofDays(30));
  }

  public DetectorSettings withBucket(Duration newBucket) {
    return new DetectorSettings(newBucket, window, baselineHalfLife, priorPerDay, floorPerDay,
        overdispersion, passingMentionWeight, echoWeight, grace, rules, fullFeedPerDay, hysteresis, cooldown,
        memory);
  }

  public DetectorSettings withCooldown(Duration newCooldown) {
    return new DetectorSettings(bucket, window, baselineHalfLife, priorPerDay, floorPerDay,
        overdispersion, passingMentionWeight, echoWeight, grace, rules, fullFeedPerDay, hysteresis, newCooldown,
        memory);
  }

  long bucketMillis() {
    return bucket.toMillis();
  }

  int windowBuckets() {
    return (int) Math.max(1, (window.toMillis() + bucketMillis() - 1) / bucketMillis());
  }

  Duration windowLength() {
    return bucket.multipliedBy(windowBuckets());
  }

  /** The CUSUM steps once a day: this many buckets, at least one. */
  long bucketsPerCusumStep() {
    return Math.max(1, Math.round((double) Duration.ofDays(1).toMillis() / bucketMillis()));
  }

  /**
   * Buckets in a day when there are several and they divide it (hourly: 24): the bins of a
   * place's daily cycle; 0 for buckets of a day or longer, which have no time of day.
   */
  int bucketsPerDay() {
    long day = Duration.ofDays(1).toMillis();
    return bucketMillis() < day && day % bucketMillis() == 0 ? (int) (day / bucketMillis()) : 0;
  }

  /** The EWMA weight of one day in the daily cycle, each bin learning once a day: the baseline's half-life. */
  double dailyCycleAlpha() {
    return 1 - Math.pow(0.5, (double) Duration.ofDays(1).toMillis() / baselineHalfLife.toMillis());
  }

  /** The EWMA weight of one bucket, from the half-life. */
  double baselineAlpha() {
    return 1 - Math.pow(0.5, (double) bucketMillis() / baselineHalfLife.toMillis());
  }

  double perBucket(double perDay) {
    return perDay * bucketMillis() / Duration.ofDays(1).toMillis();
  }

  /**
   * The spike score a window needs to enter {@code rule}'s level. The rules' scores are those of
   * a window judged once a day, as with buckets of a day or longer. A window of shorter buckets
   * slides: it is judged anew every bucket, and each of the day's looks is another chance of a
   * spike by chance. So that a day of looks raises no more false alarms than one, their score is
   * one whose normal tail is as many times thinner as there are looks (Bonferroni, by the tail's
   * leading term {@code exp(-z^2 / 2)}: {@code z^2 + 2 ln(looks)}). That errs towards silence, as
   * neighbouring windows share most of their buckets and so are fewer chances than looks.
   */
  double entryScore(LevelRule rule) {
    double looksPerDay = Math.max(1, (double) Duration.ofDays(1).toMillis() / bucketMillis());
    return Math.sqrt(rule.minScore() * rule.minScore() + 2 * Math.log(looksPerDay));
  }

  LevelRule rule(Level level) {
    return rules.get(level.ordinal() - 1);
  }

  /**
   * The rule whose scores, times the hysteresis, hold a level: that of the level below, as new
   * outlets take a window with that level's scores one level further (and are not new the next
   * day); ELEVATED's own for ELEVATED.
   */
  LevelRule holding(Level level) {
    return rules.get(Math.max(0, level.ordinal() - 2));
  }

  private static void requirePositive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }

  private static void requireFraction(double value, String name) {
    if (value < 0 || value > 1) {
      throw new IllegalArgumentException(name + " must be within 0..1");
    }
  }
}
