package io.newswatch.alerts.detector;

import static io.newswatch.alerts.Donbas.DAY_ONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FeedVolumeTest {
  private static final DetectorSettings SETTINGS = DetectorSettings.defaults();

  /** A feed of {@code perDay} articles a day at random times, for {@code days} days from DAY_ONE, in time order. */
  private static List<Instant> feed(Random random, double perDay, int days) {
    List<Instant> times = new ArrayList<>();
    long span = Duration.ofDays(days).toMillis();
    long at = 0;
    while (true) {
      at += (long) (-Math.log(1 - random.nextDouble()) / perDay * Duration.ofDays(1).toMillis());
      if (at >= span) {
        return times;
      }
      times.add(DAY_ONE.plusMillis(at));
    }
  }

  private static FeedVolume counted(List<Instant> times) {
    FeedVolume volume = FeedVolume.start(SETTINGS);
    times.forEach(volume::count);
    return volume;
  }

  /** Whether it has been read for two days or for two months, a steady feed is measured at its rate. */
  @ParameterizedTest(name = "{0} a day for {1} days, seed {2}")
  @CsvSource({"6, 2, 1", "6, 60, 2", "40, 3, 3", "40, 30, 4", "1000, 2, 5", "1000, 20, 6"})
  void aSteadyFeedIsMeasuredAtItsRate(double perDay, int days, long seed) {
    List<Instant> times = feed(new Random(seed), perDay, days);

    // a thin feed read for two days is a dozen articles: its count is that uncertain
    assertThat(counted(times).perDay()).isCloseTo(perDay, Percentage.withPercentage(perDay * days < 50 ? 50 : 15));
  }

  @Test
  void untilItsArticlesSpanADayAFeedIsTakenAsBusy() {
    FeedVolume volume = FeedVolume.start(SETTINGS);
    assertThat(volume.perDay()).isInfinite();

    volume.count(DAY_ONE);
    volume.count(DAY_ONE.plus(Duration.ofHours(1)));
    volume.count(DAY_ONE.plus(Duration.ofHours(23)));
    assertThat(volume.perDay()).as("three articles within a day").isInfinite();

    volume.count(DAY_ONE.plus(Duration.ofHours(25)));
    assertThat(volume.perDay()).isFinite().isCloseTo(4, within(1.0));
  }

  /**
   * A first article published long before the rest (an old page in a feed) is not taken as the
   * start of the feed, which would spread a busy feed's articles over months.
   */
  @Test
  void aFirstArticleFromLongAgoDoesNotMakeABusyFeedLookThin() {
    List<Instant> times = new ArrayList<>(List.of(DAY_ONE.minus(Duration.ofDays(400))));
    times.addAll(feed(new Random(7), 1000, 3));

    assertThat(counted(times).perDay()).isCloseTo(1000, Percentage.withPercentage(10));
  }

  /** A feed silent for months and read again is learnt afresh: busy until a day of it is read. */
  @Test
  void aFeedSilentForMonthsIsLearntAfresh() {
    FeedVolume volume = counted(feed(new Random(8), 6, 20));
    Instant monthsLater = DAY_ONE.plus(Duration.ofDays(120));

    volume.count(monthsLater);
    assertThat(volume.perDay()).isInfinite();
    feed(new Random(9), 300, 2).forEach(t -> volume.count(t.plus(Duration.ofDays(120))));
    assertThat(volume.perDay()).isCloseTo(300, Percentage.withPercentage(15));
  }

  /** Articles that come late count, as of when they were published; they do not make the feed look longer. */
  @Test
  void lateArticlesCountAsOfTheirPublication() {
    List<Instant> times = feed(new Random(10), 200, 10);
    FeedVolume inOrder = counted(times);
    List<Instant> lateHalf = new ArrayList<>();
    FeedVolume late = FeedVolume.start(SETTINGS);
    for (int i = 0; i < times.size(); i++) {
      if (i % 2 == 0 || times.get(i).isBefore(DAY_ONE.plus(Duration.ofDays(1)))) {
        late.count(times.get(i));
      } else {
        lateHalf.add(times.get(i));
      }
    }
    lateHalf.forEach(late::count);

    assertThat(late.perDay()).isCloseTo(inOrder.perDay(), Percentage.withPercentage(0.001));
  }

  /** A task restarted on its stored state goes on as if it had not stopped. */
  @Test
  void aVolumeResumedFromItsStateCarriesOnAlike() {
    List<Instant> times = feed(new Random(11), 50, 10);
    FeedVolume straight = FeedVolume.start(SETTINGS);
    FeedVolume resumed = FeedVolume.start(SETTINGS);
    for (Instant t : times) {
      straight.count(t);
      resumed = FeedVolume.resume(SETTINGS, resumed.state());
      resumed.count(t);
      assertThat(resumed.perDay()).isEqualTo(straight.perDay());
    }
    assertThat(resumed.state()).isEqualTo(straight.state());
  }
}
