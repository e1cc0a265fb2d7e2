package io.newswatch.alerts.detector;

import java.util.Arrays;
import java.util.List;
import java.util.function.LongToDoubleFunction;

/**
 * What a place's coverage is expected to be, learnt from the buckets that have left its window,
 * and how far the window departs from it: the arithmetic of the detector, apart from its
 * window and its levels.
 *
 * <ul>
 *   <li>The baseline: an EWMA of the weight per bucket, never used below the floor.
 *   <li>The daily cycle, when buckets are shorter than a day: an EWMA per bucket of the day,
 *       shrunk towards flat, that shapes the baseline (a busy place's quiet nights and morning
 *       rush are usual, not news).
 *   <li>The spike score: {@code (observed - expected) / sqrt(variance)} with a negative-binomial
 *       variance {@code expected + overdispersion * expected^2}, as news coverage swings more
 *       from day to day than a Poisson count.
 *   <li>The climb: a one-sided CUSUM for a doubling of the usual rate, stepping once a day,
 *       which catches rises too slow to spike.
 * </ul>
 *
 * <p>Restored from and saved into a {@link PlaceState}'s baseline, cusum, dayObserved,
 * dayExpected and dailyCycle. Buckets are given by their start, epoch milliseconds.
 */
final class Expectation {
  /** The rise the CUSUM is tuned to: a doubling of the usual rate. */
  private static final double CUSUM_RATIO = 2.0;
  /**
   * How strongly a place's daily cycle is shrunk towards flat: as if every bucket of the day
   * also had this rate. A place with a few stories a day keeps a flat cycle (its counts are too
   * sparse to show one); a place with dozens learns the night lull and the morning rush.
   */
  private static final double CYCLE_PRIOR_PER_DAY = 2.0;

  private final DetectorSettings settings;
  private double baseline;
  private double cusum;
  private double dayObserved;
  private double dayExpected;
  private final double[] dailyCycle;
  /** The mean of {@link #dailyCycle}, computed again whenever it changes, as every judgement needs it. */
  private double cycleMean;

  /** The expectation a state saved; a daily cycle of another bucket size starts flat at the baseline. */
  Expectation(DetectorSettings settings, PlaceState state) {
    this.settings = settings;
    this.baseline = state.baseline();
    this.cusum = state.cusum();
    this.dayObserved = state.dayObserved();
    this.dayExpected = state.dayExpected();
    this.dailyCycle = new double[settings.bucketsPerDay()];
    if (state.dailyCycle().size() == dailyCycle.length) {
      for (int i = 0; i < dailyCycle.length; i++) {
        dailyCycle[i] = state.dailyCycle().get(i);
      }
    } else {
      Arrays.fill(dailyCycle, baseline);
    }
    cycleChanged();
  }

  double baseline() {
    return baseline;
  }

  double cusum() {
    return cusum;
  }

  double dayObserved() {
    return dayObserved;
  }

  double dayExpected() {
    return dayExpected;
  }

  List<Double> dailyCycle() {
    return Arrays.stream(dailyCycle).boxed().toList();
  }

  /**
   * The bucket starting at {@code bucket} leaves the window with this weight of reports. The
   * CUSUM steps once a day (or once a bucket, when buckets are longer): coverage swings from
   * day to day, so the hours of a busy day are one piece of evidence, not twenty-four.
   */
  void fold(long bucket, double observed) {
    dayObserved += observed;
    dayExpected += expectedIn(bucket);
    if (dailyCycle.length > 0) {
      int bin = timeOfDay(bucket);
      dailyCycle[bin] += settings.dailyCycleAlpha() * (observed - dailyCycle[bin]);
      cycleChanged();
    }
    if (endsCusumStep(bucket)) {
      cusum = cusumStep(cusum, dayObserved, dayExpected);
      dayObserved = 0;
      dayExpected = 0;
    }
    baseline += settings.baselineAlpha() * (observed - baseline);
  }

  /**
   * Folds some of the {@code quiet} empty buckets from {@code bucket} on and returns how many:
   * one, as {@link #fold} would, until the CUSUM is spent, the day complete and the baseline
   * at its floor; from then on every whole day of them at once, in closed form (a long quiet
   * spell costs the same as a short one).
   */
  long foldQuiet(long bucket, long quiet) {
    long wholeDays = quiet - quiet % settings.bucketsPerCusumStep();
    if (cusum > 0 || baseline > floorPerBucket() || wholeDays == 0
        || !endsCusumStep(bucket - settings.bucketMillis())) {
      fold(bucket, 0);
      return 1;
    }
    baseline *= Math.pow(1 - settings.baselineAlpha(), wholeDays);
    double cycleDecay = Math.pow(1 - settings.dailyCycleAlpha(), (double) wholeDays / settings.bucketsPerCusumStep());
    for (int i = 0; i < dailyCycle.length; i++) {
      dailyCycle[i] *= cycleDecay;
    }
    cycleChanged();
    return wholeDays;
  }

  /**
   * A report of this weight that belonged to a bucket folded {@code foldsSince} folds ago: its
   * share of the baseline, as if it had been there when the bucket was folded.
   */
  void foldLate(long foldsSince, double weight) {
    double alpha = settings.baselineAlpha();
    baseline += alpha * Math.pow(1 - alpha, foldsSince) * weight;
  }

  /** Stories expected in a bucket: the baseline, but never below the floor. */
  double expectedPerBucket() {
    return Math.max(baseline, floorPerBucket());
  }

  /**
   * Stories expected in {@code bucket}: the baseline, floored, shaped by the place's daily
   * cycle, so that a place's usual morning rush is not a spike.
   */
  double expectedIn(long bucket) {
    if (dailyCycle.length == 0) {
      return expectedPerBucket();
    }
    double prior = settings.perBucket(CYCLE_PRIOR_PER_DAY);
    return expectedPerBucket() * (dailyCycle[timeOfDay(bucket)] + prior) / (cycleMean + prior);
  }

  /**
   * Stories expected in the window starting at {@code windowStart}. A window shorter than a day
   * expects at least a day's floor: a handful of stories within hours about a quiet town
   * happen too often by chance to be an escalation on their own.
   */
  double expectedInWindow(long windowStart) {
    double expected = 0;
    for (int i = 0; i < settings.windowBuckets(); i++) {
      expected += expectedIn(windowStart + i * settings.bucketMillis());
    }
    return Math.max(expected, settings.floorPerDay());
  }

  /** The spike score: the z-score of the window's weight against what it expects, negative-binomial. */
  double score(long windowStart, double observed) {
    double expected = expectedInWindow(windowStart);
    double variance = expected + settings.overdispersion() * expected * expected;
    return (observed - expected) / Math.sqrt(variance);
  }

  /**
   * The climb: the CUSUM carried on over the window's buckets ({@code weightOf} each, empty
   * ones included), a day not yet complete making a step of its own.
   */
  double climb(long windowStart, LongToDoubleFunction weightOf) {
    double climb = cusum;
    double observed = dayObserved;
    double expected = dayExpected;
    for (int i = 0; i < settings.windowBuckets(); i++) {
      long bucket = windowStart + i * settings.bucketMillis();
      observed += weightOf.applyAsDouble(bucket);
      expected += expectedIn(bucket);
      if (endsCusumStep(bucket)) {
        climb = cusumStep(climb, observed, expected);
        observed = 0;
        expected = 0;
      }
    }
    return expected > 0 ? cusumStep(climb, observed, expected) : climb;
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

  private void cycleChanged() {
    cycleMean = Arrays.stream(dailyCycle).average().orElse(0);
  }

  private int timeOfDay(long bucket) {
    return (int) Math.floorMod(Math.floorDiv(bucket, settings.bucketMillis()), (long) dailyCycle.length);
  }

  private double floorPerBucket() {
    return settings.perBucket(settings.floorPerDay());
  }
}
