package io.newswatch.alerts.detector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.newswatch.alerts.Donbas;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExpectationTest {
  private static final DetectorSettings HOURLY = DetectorSettings.defaults();
  private static final DetectorSettings DAILY = HOURLY.withBucket(Duration.ofDays(1));
  private static final long HOUR = Duration.ofHours(1).toMillis();
  private static final long DAY = Duration.ofDays(1).toMillis();
  private static final long NEW_YEAR = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();

  private static Expectation firstSeen(DetectorSettings settings) {
    return new Expectation(settings, PlaceMemory.firstSeen(settings, Donbas.KOSTIANTYNIVKA));
  }

  /** Day buckets: 200 days of three stories each, from New Year 2025 on. */
  private static final int STEADY_DAYS = 200;

  private static Expectation threeADay() {
    Expectation place = firstSeen(DAILY);
    for (int i = 0; i < STEADY_DAYS; i++) {
      place.fold(NEW_YEAR + i * DAY, 3.0);
    }
    return place;
  }

  @Test
  void aSteadyRateBecomesTheBaselineAndNeitherSpikesNorClimbs() {
    Expectation steady = threeADay();
    long day = NEW_YEAR + STEADY_DAYS * DAY;

    assertThat(steady.expectedPerBucket()).isCloseTo(3.0, within(0.01));
    assertThat(steady.score(day, 3.0)).isCloseTo(0.0, within(0.01));
    assertThat(steady.climb(day, bucket -> 3.0)).isZero();
  }

  /** Twice the usual for days on end, never a spike on any one day, is a climb. */
  @Test
  void aDoublingDayAfterDayClimbsEveryDay() {
    Expectation place = threeADay();
    long day = NEW_YEAR + STEADY_DAYS * DAY;
    double before = place.cusum();
    for (int i = 0; i < 5; i++, day += DAY) {
      assertThat(place.score(day, 6.0)).as("day %d of the doubling", i).isLessThan(3.0);
      place.fold(day, 6.0);
      assertThat(place.cusum()).as("day %d of the doubling", i).isGreaterThan(before);
      before = place.cusum();
    }
  }

  /** A place that went quiet for months costs no more than one quiet for a day, to the same end. */
  @Test
  void aLongQuietSpellFoldedInWholeDaysEndsWhereFoldingEachBucketDoes() {
    Expectation eachBucket = firstSeen(HOURLY);
    Expectation wholeDays = firstSeen(HOURLY);
    long end = NEW_YEAR + 120 * DAY;

    for (long bucket = NEW_YEAR; bucket < end; bucket += HOUR) {
      eachBucket.fold(bucket, 0);
    }
    int steps = 0;
    for (long bucket = NEW_YEAR; bucket < end; steps++) {
      bucket += wholeDays.foldQuiet(bucket, (end - bucket) / HOUR) * HOUR;
    }

    assertThat(steps).as("folds, for 2,880 buckets").isLessThan(1000);
    assertThat(wholeDays.baseline()).isCloseTo(eachBucket.baseline(), within(1e-12));
    assertThat(wholeDays.cusum()).isEqualTo(eachBucket.cusum());
    for (int hour = 0; hour < 24; hour++) {
      assertThat(wholeDays.dailyCycle().get(hour)).isCloseTo(eachBucket.dailyCycle().get(hour), within(1e-12));
    }
  }

  /** Four stories every morning at nine are the place's usual, not a spike; four at three at night are not. */
  @Test
  void aPlacesDailyRushIsExpectedAtItsHour() {
    Expectation place = firstSeen(HOURLY);
    long bucket = NEW_YEAR;
    for (int day = 0; day < 30; day++) {
      for (int hour = 0; hour < 24; hour++, bucket += HOUR) {
        place.fold(bucket, hour == 9 ? 4 : 0);
      }
    }

    double atNine = place.expectedIn(bucket + 9 * HOUR);
    double atThree = place.expectedIn(bucket + 3 * HOUR);
    assertThat(atNine).isGreaterThan(3 * atThree);
    assertThat(place.expectedInWindow(bucket + 6 * HOUR)).as("a window over the rush")
        .isGreaterThan(place.expectedInWindow(bucket));
  }
}
