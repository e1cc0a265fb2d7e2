package io.newswatch.alerts.detector;

import static io.newswatch.alerts.Donbas.DAY_ONE;
import static io.newswatch.alerts.Donbas.article;
import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.alerts.Donbas;
import io.newswatch.alerts.watchlist.WatchFilter;
import io.newswatch.avro.Alert;
import io.newswatch.avro.EnrichedArticle;
import io.newswatch.avro.Level;
import io.newswatch.avro.PlaceMention;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * General news without escalations, watched as discovery watches it, every locality: towns
 * covered at their own rates, from a handful of stories a month to dozens a day, and many
 * villages of a few hundred to a few thousand people with a story every few days to every few
 * months; day-to-day swings larger than a Poisson count's, a daily cycle and syndicated copies.
 * A desk should hear almost nothing, with day buckets, as in the backtests of day-dated feeds,
 * and with hourly ones, as live.
 */
class GeneralNewsTest {
  private static final Logger log = LoggerFactory.getLogger(GeneralNewsTest.class);
  private static final int TOWNS = 150;
  private static final int VILLAGES = 1_000;
  private static final int DAYS = 60;
  private static final int OUTLETS = 30;
  /** What a desk tolerates from general news: alerts per 1,000 articles. */
  private static final double MAX_PER_THOUSAND = 5;
  /**
   * Counted after a week: every town starts at the prior on day one, which a busy town
   * exceeds (in production, too: the first week after a deployment learns the baselines).
   * The levels those first days raise hold some towns for weeks more, so a run counted from
   * the fourth week finds a little more noise than this one (alerts/README.md, "Measured").
   */
  private static final Instant WARMED_UP = DAY_ONE.plus(Duration.ofDays(7));

  /** Bucket, seed. */
  static Stream<Arguments> bucketsAndSeeds() {
    return Stream.of(Duration.ofDays(1), Duration.ofHours(1)).flatMap(bucket ->
        LongStream.rangeClosed(1, 5).mapToObj(seed -> Arguments.of(bucket, seed)));
  }

  @ParameterizedTest(name = "{0} buckets, seed {1}")
  @MethodSource("bucketsAndSeeds")
  void ordinaryCoverageRaisesFewAlerts(Duration bucket, long seed) {
    List<EnrichedArticle> feed = generalNews(new Random(seed));

    DetectorSettings settings = DetectorSettings.defaults().withBucket(bucket);
    long alerts = Backtest.run(feed, settings, WatchFilter.all()).stream()
        .filter(a -> a.getDetectedAt().isAfter(WARMED_UP)).count();
    long articles = feed.stream().filter(a -> a.getPublishedAt().isAfter(WARMED_UP)).count();
    double perThousand = alerts * 1000.0 / articles;
    log.info("{} buckets, seed {}: {} articles, {} alerts ({} per 1,000)", bucket, seed, articles,
        alerts, String.format("%.2f", perThousand));
    assertThat(perThousand).as("alerts per 1,000 articles").isLessThanOrEqualTo(MAX_PER_THOUSAND);
  }

  /**
   * What discovery is for: a village of a few hundred people, with a story from its local paper
   * every ten days, whose coverage jumps to a dozen reports from eight outlets in an afternoon,
   * is seen amid the general news.
   */
  @ParameterizedTest(name = "{0} buckets")
  @ValueSource(strings = {"PT24H", "PT1H"})
  void aVillageWhoseCoverageJumpsAcrossOutletsIsSeen(Duration bucket) {
    PlaceMention village = place(3_000_000, "Vrubivka", 640);
    List<EnrichedArticle> feed = new ArrayList<>(generalNews(new Random(1)));
    for (int day = 0; day < 40; day += 10) {
      feed.add(article("local" + day).at(DAY_ONE.plus(Duration.ofDays(day)).plus(Duration.ofHours(9)))
          .source("local.example").about(village).build());
    }
    Instant jump = DAY_ONE.plus(Duration.ofDays(40)).plus(Duration.ofHours(12));
    for (int i = 0; i < 12; i++) {
      feed.add(article("jump" + i).at(jump.plus(Duration.ofMinutes(20L * i)))
          .source("outlet" + i % 8 + ".example").about(village).build());
    }
    feed.sort(Comparator.comparing(EnrichedArticle::getPublishedAt).thenComparing(EnrichedArticle::getId));

    List<Alert> alerts = Backtest.run(feed, DetectorSettings.defaults().withBucket(bucket), WatchFilter.all())
        .stream().filter(a -> a.getPlaceId() == village.getGeonameId()).toList();

    assertThat(alerts).isNotEmpty().allSatisfy(a -> assertThat(a.getDetectedAt()).isBetween(jump, jump.plus(Duration.ofHours(4))));
    assertThat(alerts).extracting(Alert::getLevel).contains(Level.CRITICAL);
  }

  private static List<EnrichedArticle> generalNews(Random random) {
    List<EnrichedArticle> feed = new ArrayList<>();
    for (int t = 0; t < TOWNS; t++) {
      PlaceMention town = place(1_000_000 + t, "Town " + t, 10_000 + random.nextInt(1_000_000));
      cover(feed, town, Math.exp(Math.log(0.1) + random.nextDouble() * Math.log(300)), random); // 0.1 to 30 a day
    }
    for (int v = 0; v < VILLAGES; v++) {
      PlaceMention village = place(2_000_000 + v, "Village " + v, 200 + random.nextInt(4_800));
      cover(feed, village, Math.exp(Math.log(0.005) + random.nextDouble() * Math.log(40)), random); // 0.005 to 0.2
    }
    feed.sort(Comparator.comparing(EnrichedArticle::getPublishedAt).thenComparing(EnrichedArticle::getId));
    return feed;
  }

  private static PlaceMention place(long id, String name, long population) {
    return PlaceMention.newBuilder(Donbas.town(id, name, 48 + (id % 1000) * 0.01, 37)).setPopulation(population).build();
  }

  /** Stories about {@code place} at {@code perDay} a day, swinging from day to day, some copied by other outlets. */
  private static void cover(List<EnrichedArticle> feed, PlaceMention place, double perDay, Random random) {
    for (int day = 0; day < DAYS; day++) {
      double todays = perDay * Math.exp(0.5 * random.nextGaussian() - 0.125); // overdispersed
      int stories = poisson(random, todays);
      for (int s = 0; s < stories; s++) {
        String id = "p" + place.getGeonameId() + "d" + day + "s" + s;
        var at = DAY_ONE.plus(Duration.ofDays(day)).plusSeconds(secondOfDay(random));
        feed.add(article(id).at(at).source("outlet" + random.nextInt(OUTLETS) + ".example").about(place).build());
        if (random.nextDouble() < 0.15) {
          feed.add(article(id + "-copy").at(at.plusSeconds(600))
              .source("outlet" + random.nextInt(OUTLETS) + ".example").about(place).copyOf(id).build());
        }
      }
    }
  }

  /**
   * A time of day as news runs: four times as many stories at the afternoon peak (15:00) as
   * in the small hours, as a desk sees in any one region's press.
   */
  private static int secondOfDay(Random random) {
    while (true) {
      int second = random.nextInt(86_400);
      double phase = 2 * Math.PI * (second / 86_400.0 - 0.375);
      if (random.nextDouble() * 1.6 < 1 + 0.6 * Math.sin(phase)) {
        return second;
      }
    }
  }

  private static int poisson(Random random, double mean) {
    double limit = Math.exp(-mean);
    double product = random.nextDouble();
    int n = 0;
    while (product > limit) {
      product *= random.nextDouble();
      n++;
    }
    return n;
  }
}
