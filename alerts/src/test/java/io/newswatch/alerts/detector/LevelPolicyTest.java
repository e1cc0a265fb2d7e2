package io.newswatch.alerts.detector;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.avro.Level;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The default rules, hourly buckets: a spike must reach 3.9 (ELEVATED), 5.2 (ESCALATING), 8.4 (CRITICAL). */
class LevelPolicyTest {
  private static final LevelPolicy POLICY = new LevelPolicy(DetectorSettings.defaults());
  private static final double FULL_FEED = DetectorSettings.defaults().fullFeedPerDay();
  /** A place whose baseline expects one report in the window. */
  private static final LevelPolicy.Needs USUAL_ONE = POLICY.needs(FULL_FEED, 1.0);

  @Test
  void oneStoryNeverRaisesALevelHoweverEchoed() {
    assertThat(POLICY.counted(100, 100, USUAL_ONE, new LevelPolicy.Counts(1, 50, 20))).isEqualTo(Level.NORMAL);
  }

  @Test
  void aSpikeEntersTheHighestLevelWhoseReportsAndSourcesItHas() {
    assertThat(POLICY.counted(6, 0, USUAL_ONE, new LevelPolicy.Counts(6, 6, 3))).isEqualTo(Level.ESCALATING);
    assertThat(POLICY.counted(6, 0, USUAL_ONE, new LevelPolicy.Counts(6, 6, 2))).as("too few sources")
        .isEqualTo(Level.ELEVATED);
    assertThat(POLICY.counted(6, 0, USUAL_ONE, new LevelPolicy.Counts(5, 5, 3))).as("5 reports: 5 beyond the usual 1 needed")
        .isEqualTo(Level.ELEVATED);
    assertThat(POLICY.counted(3.5, 0, USUAL_ONE, new LevelPolicy.Counts(6, 6, 3))).as("below ELEVATED's 3.9 for hourly looks")
        .isEqualTo(Level.NORMAL);
  }

  @Test
  void aClimbWithoutASpikeEntersAndIsSaidToBeSustained() {
    assertThat(POLICY.counted(0, 6.5, USUAL_ONE, new LevelPolicy.Counts(6, 6, 3))).isEqualTo(Level.ESCALATING);
    assertThat(POLICY.sustained(Level.ESCALATING, 0)).isTrue();
    assertThat(POLICY.sustained(Level.ESCALATING, 6)).isFalse();
  }

  /** A feed a quarter as busy reports the same events in fewer articles: half the reports do. */
  @Test
  void aThinFeedNeedsFewerReportsButAsManySources() {
    LevelPolicy.Counts three = new LevelPolicy.Counts(3, 3, 2);

    assertThat(POLICY.counted(4, 0, USUAL_ONE, three)).isEqualTo(Level.NORMAL);
    assertThat(POLICY.counted(4, 0, POLICY.needs(FULL_FEED / 4, 1.0), three)).isEqualTo(Level.ELEVATED);
    assertThat(POLICY.counted(4, 0, POLICY.needs(FULL_FEED / 4, 1.0), new LevelPolicy.Counts(3, 3, 1)))
        .isEqualTo(Level.NORMAL);
  }

  @Test
  void outletsNewToThePlaceTakeARisenWindowOneLevelFurther() {
    LevelPolicy.Counts counts = new LevelPolicy.Counts(6, 6, 3);

    assertThat(POLICY.withNewOutlets(Level.ELEVATED, USUAL_ONE, counts, () -> 3)).isEqualTo(Level.ESCALATING);
    assertThat(POLICY.withNewOutlets(Level.ELEVATED, USUAL_ONE, counts, () -> 2)).isEqualTo(Level.ELEVATED);
    assertThat(POLICY.withNewOutlets(Level.CRITICAL, USUAL_ONE, counts, () -> 50)).isEqualTo(Level.CRITICAL);
    assertThat(POLICY.withNewOutlets(Level.NORMAL, USUAL_ONE, counts, () -> {
      throw new AssertionError("a window that has not risen is not asked for its new outlets");
    })).isEqualTo(Level.NORMAL);
  }

  /** ESCALATING is held by ELEVATED's rule at half strength: a spike of 1.5 and a climb of 2. */
  @Test
  void aLevelIsLeftOnlyWhenBothScoresFallWellBelowIt() {
    assertThat(POLICY.leaves(Level.ESCALATING, 1.4, 1.9)).isTrue();
    assertThat(POLICY.leaves(Level.ESCALATING, 1.6, 0)).isFalse();
    assertThat(POLICY.leaves(Level.ESCALATING, 0, 2.1)).isFalse();
    assertThat(POLICY.leaves(Level.NORMAL, -5, 0)).isFalse();
  }

  @Test
  void aRiseToALevelAlertedWithinTheCooldownIsSilentAHigherOneIsNot() {
    long escalatedAt = 1_000_000_000L;
    Map<Level, Long> alerted = Map.of(Level.ESCALATING, escalatedAt);
    long hourLater = escalatedAt + Duration.ofHours(1).toMillis();

    assertThat(POLICY.coolingDown(alerted, Level.ELEVATED, hourLater)).isTrue();
    assertThat(POLICY.coolingDown(alerted, Level.ESCALATING, hourLater)).isTrue();
    assertThat(POLICY.coolingDown(alerted, Level.CRITICAL, hourLater)).isFalse();
    assertThat(POLICY.coolingDown(alerted, Level.ESCALATING, escalatedAt + Duration.ofHours(25).toMillis())).isFalse();
  }
}
