package io.newswatch.alerts.detector;

import static io.newswatch.alerts.Donbas.DAY_ONE;
import static io.newswatch.alerts.Donbas.DONETSK_OBLAST;
import static io.newswatch.alerts.Donbas.ESCALATION;
import static io.newswatch.alerts.Donbas.KOSTIANTYNIVKA;
import static io.newswatch.alerts.Donbas.UKRAINE;
import static io.newswatch.alerts.Donbas.article;
import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.alerts.Donbas;
import io.newswatch.alerts.watchlist.WatchFilter;
import io.newswatch.avro.Alert;
import io.newswatch.avro.EnrichedArticle;
import io.newswatch.avro.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DetectorTest {
  private static final DetectorSettings HOURLY = DetectorSettings.defaults();
  /**
   * Day buckets compared day by day, so the arithmetic is easy to follow: a place never seen
   * expects 1 story a day (the prior) with a variance of 1 + 0.25, so 5 stories score
   * (5 - 1) / 1.118 = 3.58, ELEVATED, and 4 stories 2.68, not.
   */
  private static final DetectorSettings DAILY = HOURLY.withBucket(Duration.ofDays(1));
  /** A feed as busy as the rules are written for: their report minimums as they are. */
  private static final double FULL_FEED = HOURLY.fullFeedPerDay();

  @Test
  void ordinaryCoverageRaisesNoAlert() {
    List<EnrichedArticle> ordinary = Donbas.demo().stream()
        .filter(a -> a.getPublishedAt().isBefore(ESCALATION)).toList();

    assertThat(Backtest.run(ordinary, HOURLY, WatchFilter.all())).isEmpty();
  }

  @Test
  void escalationRaisesEachLevelOnceForThatTownOnly() {
    List<Alert> alerts = Backtest.run(Donbas.demo(), HOURLY, WatchFilter.all());

    assertThat(alerts).extracting(Alert::getPlaceId).containsOnly(KOSTIANTYNIVKA.getGeonameId());
    assertThat(alerts).extracting(Alert::getLevel)
        .containsExactly(Level.ELEVATED, Level.ESCALATING, Level.CRITICAL);
    assertThat(alerts).extracting(Alert::getPreviousLevel)
        .containsExactly(Level.NORMAL, Level.ELEVATED, Level.ESCALATING);
    Alert escalating = alerts.get(1);
    assertThat(escalating.getDetectedAt()).isBetween(ESCALATION, ESCALATION.plus(Duration.ofHours(4)));
    assertThat(escalating.getWindowEnd()).isEqualTo(
        escalating.getWindowStart().plus(Duration.ofHours(6)));
    assertThat(escalating.getStories()).as("distinct stories").isEqualTo(4);
    assertThat(escalating.getSources()).as("the aggregator echoing a story is breadth")
        .hasSize(5).contains("aggregator.example");
    assertThat(escalating.getEvidence()).hasSize(5)
        .allSatisfy(e -> assertThat(e.getArticleId()).startsWith("esc-"));
    assertThat(escalating.getTopActors())
        .containsExactly("Armed Forces of Ukraine", "Russian Armed Forces");
    assertThat(escalating.getIntensity()).isCloseTo(0.68, org.assertj.core.data.Offset.offset(0.01));
    assertThat(escalating.getSummary())
        .as("the aggregator had not covered the town before")
        .startsWith("Kostiantynivka: 4 stories from 5 sources (1 new) in 6 h, ")
        .endsWith("usual; intense fighting, shelling");
  }

  /**
   * A town known to get twelve stories a day, all in the afternoon: four weeks of that, then
   * one day with the same twelve from {@code firstHourOfLastDay}. The alerts of the last day.
   */
  private static List<Alert> afternoonTownThenADay(int firstHourOfLastDay) {
    PlaceState known = PlaceMemory.forget(HOURLY, Detector.start(HOURLY, KOSTIANTYNIVKA).state());
    Detector detector = Detector.resume(HOURLY, new PlaceState(known.placeId(), known.placeName(),
        known.countryCode(), known.lat(), known.lon(), Level.NORMAL, 0.5, 0, 0, 0,
        DAY_ONE.toEpochMilli(), List.of(), Map.of(), Map.of(), List.of(), 0, 0, List.of(), List.of()));
    List<Alert> lastDay = new ArrayList<>();
    for (int day = 0; day <= 28; day++) {
      int firstHour = day < 28 ? 12 : firstHourOfLastDay;
      for (int story = 0; story < 12; story++) {
        Instant at = DAY_ONE.plus(Duration.ofDays(day)).plus(Duration.ofHours(firstHour))
            .plus(Duration.ofMinutes(30L * story));
        detector.onArticle(article("d" + day + "s" + story).at(at).source("outlet" + story % 6 + ".example")
            .about(KOSTIANTYNIVKA).build(), FULL_FEED).alert().filter(a -> at.isAfter(DAY_ONE.plus(Duration.ofDays(28))))
            .ifPresent(lastDay::add);
      }
    }
    return lastDay;
  }

  @Test
  void aTownsUsualAfternoonIsNoSpikeButTheSameCoverageAtNightIs() {
    assertThat(afternoonTownThenADay(12)).as("its daily rush, learnt").isEmpty();
    assertThat(afternoonTownThenADay(0)).as("the same stories in the small hours").isNotEmpty();
  }

  @Test
  void aReplayRaisesTheSameAlertsWithTheSameIds() {
    List<Alert> first = Backtest.run(Donbas.demo(), HOURLY, WatchFilter.all());
    List<Alert> second = Backtest.run(Donbas.demo(), HOURLY, WatchFilter.all());

    assertThat(second).isEqualTo(first);
    assertThat(first).extracting(Alert::getAlertId).doesNotHaveDuplicates()
        .allSatisfy(id -> assertThat(id).matches("[0-9a-f]{32}"));
  }

  @Test
  void detectedAtIsTheEventTimeOfTheArticleThatRaisedTheLevel() {
    List<EnrichedArticle> feed = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      feed.add(story("s" + i, DAY_ONE.plus(Duration.ofHours(i)), "outlet" + i % 2 + ".example"));
    }
    List<Alert> alerts = Backtest.run(feed, DAILY, WatchFilter.all());

    assertThat(alerts).singleElement().satisfies(alert -> {
      assertThat(alert.getLevel()).isEqualTo(Level.ELEVATED);
      assertThat(alert.getDetectedAt()).isEqualTo(feed.get(4).getPublishedAt());
      assertThat(alert.getScore()).isCloseTo(3.58, org.assertj.core.data.Offset.offset(0.01));
      assertThat(alert.getBaseline()).isEqualTo(1.0);
    });
  }

  @Test
  void oneStorySyndicatedEverywhereNeverAlerts() {
    EnrichedArticle original = story("wire", DAY_ONE, "wire.example");
    List<EnrichedArticle> feed = new ArrayList<>(List.of(original));
    for (int i = 0; i < 50; i++) {
      feed.add(copy("copy" + i, original, DAY_ONE.plusSeconds(60L * i), "paper" + i + ".example"));
    }

    assertThat(Backtest.run(feed, HOURLY, WatchFilter.all())).isEmpty();
  }

  @Test
  void copiesByNewOutletsCountAsEchoesAndOneOutletsRepostsDoNot() {
    List<EnrichedArticle> feed = new ArrayList<>();
    EnrichedArticle first = story("first", DAY_ONE, "a.example");
    EnrichedArticle second = story("second", DAY_ONE.plus(Duration.ofHours(1)), "b.example");
    feed.add(first);
    feed.add(second);
    for (int i = 0; i < 5; i++) {
      feed.add(copy("repost" + i, first, DAY_ONE.plus(Duration.ofHours(2)), "a.example"));
    }
    assertThat(Backtest.run(feed, DAILY, WatchFilter.all())).as("2 stories, reposts add nothing")
        .isEmpty();

    for (int i = 0; i < 6; i++) {
      feed.add(copy("echo" + i, first, DAY_ONE.plus(Duration.ofHours(3 + i)), "echo" + i + ".example"));
    }
    // the fifth echo raises it: 2 stories + 5 echoes weigh 4.5, score 3.1, from seven sources,
    // all new to the place, which takes it one level further
    assertThat(Backtest.run(feed, DAILY, WatchFilter.all())).singleElement().satisfies(alert -> {
      assertThat(alert.getLevel()).isEqualTo(Level.ESCALATING);
      assertThat(alert.getStories()).isEqualTo(2);
      assertThat(alert.getSources()).hasSize(7);
    });
  }

  @Test
  void aSingleStoryNeverAlerts() {
    EnrichedArticle dramatic = article("one").at(DAY_ONE).about(KOSTIANTYNIVKA)
        .intensity(1.0, "massive assault").build();

    assertThat(Backtest.run(List.of(dramatic), HOURLY, WatchFilter.all())).isEmpty();
  }

  @Test
  void manyStoriesFromOneOutletDoNotAlert() {
    List<EnrichedArticle> liveBlog = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      liveBlog.add(story("live" + i, DAY_ONE.plus(Duration.ofMinutes(10L * i)), "live.example"));
    }

    assertThat(Backtest.run(liveBlog, HOURLY, WatchFilter.all())).isEmpty();
  }

  @Test
  void postsByDifferentAccountsOnOnePlatformAreDifferentSources() {
    List<EnrichedArticle> posts = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      posts.add(article("post" + i).at(DAY_ONE.plus(Duration.ofHours(i))).source("twitter.com")
          .url("https://twitter.com/account" + i % 2 + "/status/" + i).about(KOSTIANTYNIVKA).build());
    }

    assertThat(Backtest.run(posts, DAILY, WatchFilter.all())).singleElement()
        .satisfies(a -> assertThat(a.getSources())
            .containsExactly("twitter.com/account0", "twitter.com/account1"));
  }

  @Test
  void passingMentionsCountLessThanStoriesAboutThePlace() {
    List<EnrichedArticle> passing = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      passing.add(article("p" + i).at(DAY_ONE.plus(Duration.ofHours(i)))
          .source("outlet" + i % 2 + ".example").about(UKRAINE, KOSTIANTYNIVKA).build());
    }

    // 4 passing mentions weigh 2: score (2 - 1) / 1 = 1, below ELEVATED
    assertThat(Backtest.run(passing, DAILY, WatchFilter.all())).isEmpty();
  }

  @Test
  void countryAndRegionMentionsDoNotRaiseTheirTowns() {
    List<EnrichedArticle> national = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      national.add(article("n" + i).at(DAY_ONE.plus(Duration.ofMinutes(10L * i)))
          .source("outlet" + i % 5 + ".example").about(UKRAINE, DONETSK_OBLAST).build());
    }

    assertThat(Backtest.run(national, HOURLY, WatchFilter.all())).isEmpty();
    assertThat(Backtest.run(national, HOURLY,
        WatchFilter.places(Set.of(KOSTIANTYNIVKA.getGeonameId())))).isEmpty();
    assertThat(Backtest.run(national, HOURLY, WatchFilter.places(Set.of(UKRAINE.getGeonameId()))))
        .as("a country watched by id is tracked").isNotEmpty();
  }

  @Test
  void outletsNewToThePlaceTakeARiseOneLevelFurther() {
    List<String> usual = List.of("a.example", "b.example", "c.example");
    List<String> tenDays = outletADay(10, usual);

    // after a story a day, five stories in a day score 3.6: ELEVATED by the usual outlets
    assertThat(riseAfter(tenDays, usual)).singleElement().satisfies(alert -> {
      assertThat(alert.getLevel()).isEqualTo(Level.ELEVATED);
      assertThat(alert.getSummary()).startsWith("Kostiantynivka: 5 stories from 3 sources in 1 d");
    });
    assertThat(riseAfter(tenDays, List.of("x.example", "y.example", "z.example")))
        .singleElement().satisfies(alert -> {
          assertThat(alert.getLevel()).isEqualTo(Level.ESCALATING);
          assertThat(alert.getPreviousLevel()).isEqualTo(Level.NORMAL);
          assertThat(alert.getSummary())
              .startsWith("Kostiantynivka: 5 stories from 3 sources (3 new) in 1 d");
        });

    List<String> thenOthersFor40Days = new ArrayList<>(tenDays);
    thenOthersFor40Days.addAll(outletADay(40, List.of("d.example")));
    assertThat(riseAfter(thenOthersFor40Days, usual)).as("outlets last seen over 30 days before")
        .singleElement().extracting(Alert::getLevel).isEqualTo(Level.ESCALATING);
  }

  /**
   * A town with one story two weeks before, then four reports a day from three outlets new to
   * it: in a feed of a few reports a day that is an escalation, where ESCALATING's five reports
   * shrink to two beyond the town's usual; in a feed of a thousand a day it is only ELEVATED.
   * With hourly buckets alike, when the four come within six hours.
   */
  @Test
  void inAThinFeedATownGoingFromNoneToAFewReportsADayAcrossOutletsEscalates() {
    assertThat(riseOfFourADayIn(6, DAILY, 3)).extracting(Alert::getLevel).containsExactly(Level.ESCALATING);
    assertThat(riseOfFourADayIn(1_000, DAILY, 3)).extracting(Alert::getLevel).containsExactly(Level.ELEVATED);
    assertThat(riseOfFourADayIn(6, HOURLY, 1)).extracting(Alert::getLevel).first().isEqualTo(Level.ESCALATING);
    assertThat(riseOfFourADayIn(1_000, HOURLY, 1)).extracting(Alert::getLevel).containsOnly(Level.ELEVATED);
  }

  @Test
  void aLevelReachedThroughNewOutletsIsHeldLikeTheLevelBelow() {
    List<String> newcomers = List.of("v.example", "w.example", "x.example", "y.example", "z.example");
    List<EnrichedArticle> feed = new ArrayList<>();
    for (int day = 0; day < 10; day++) {
      feed.add(story("d" + day, DAY_ONE.plus(Duration.ofDays(day)), "a.example"));
    }
    int[] storiesADay = {8, 3, 8}; // a burst, a quieter day, the burst goes on
    for (int day = 0; day < storiesADay.length; day++) {
      for (int i = 0; i < storiesADay[day]; i++) {
        feed.add(story("burst" + day + "-" + i, DAY_ONE.plus(Duration.ofDays(10 + day)).plus(Duration.ofHours(i)),
            newcomers.get(i % newcomers.size())));
      }
    }

    // 8 stories score 6.3, ESCALATING, and five new outlets make it CRITICAL; the quieter day
    // still climbs above half of what ESCALATING needs, so the burst going on is no new alert
    List<Alert> alerts = Backtest.run(feed, DAILY, WatchFilter.all());
    assertThat(alerts).extracting(Alert::getLevel).containsExactly(Level.ESCALATING, Level.CRITICAL);
    assertThat(alerts).extracting(Alert::getWindowStart).containsOnly(DAY_ONE.plus(Duration.ofDays(10)));
  }

  @Test
  void hysteresisHoldsTheLevelUntilTheScoreFallsWellBelow() {
    Detector detector = Detector.start(DAILY, KOSTIANTYNIVKA);

    assertThat(day(detector, 0, 5)).map(Alert::getLevel).contains(Level.ELEVATED);
    // baseline now 1 + a(5 - 1) = 1.38: 4 stories score 1.9, under ELEVATED's 3 but over 1.5
    assertThat(day(detector, 1, 4)).isEmpty();
    day(detector, 2, 1);
    assertThat(detector.state().level()).as("held on day 1's complete window")
        .isEqualTo(Level.ELEVATED);
    day(detector, 3, 1);
    assertThat(detector.state().level()).as("the climb of days 0 and 1 still holds it")
        .isEqualTo(Level.ELEVATED);
    day(detector, 5, 1);
    assertThat(detector.state().level()).as("dropped once the climb is spent").isEqualTo(Level.NORMAL);
  }

  @Test
  void cooldownSilencesARiseSoonAfterAnAlertAtThatLevel() {
    for (Duration cooldown : List.of(Duration.ofDays(1), Duration.ofDays(7))) {
      Detector detector = Detector.start(DAILY.withCooldown(cooldown), KOSTIANTYNIVKA);
      assertThat(day(detector, 0, 5)).isPresent();
      day(detector, 2, 1);
      assertThat(detector.state().level()).isEqualTo(Level.NORMAL);

      Optional<Alert> again = day(detector, 3, 6);

      assertThat(detector.state().level()).isEqualTo(Level.ELEVATED);
      assertThat(again.isPresent()).as("alert after a cooldown of %s", cooldown)
          .isEqualTo(cooldown.toDays() < 3);
    }
  }

  @Test
  void aLateStoryWithinTheGraceCountsInTheBaselineAndALaterOneIsDropped() {
    Detector detector = Detector.start(HOURLY, KOSTIANTYNIVKA);
    detector.onArticle(story("now", DAY_ONE.plus(Duration.ofDays(1)), "a.example"), FULL_FEED);
    PlaceState before = detector.state();

    Detector.Outcome withinGrace = detector.onArticle(story("late", DAY_ONE.plus(Duration.ofHours(12)), "b.example"), FULL_FEED);
    assertThat(withinGrace.droppedLate()).isFalse();
    assertThat(detector.state().baseline()).isGreaterThan(before.baseline());
    assertThat(detector.state().knownOutlets()).as("its outlet is now a usual one")
        .containsKey("b.example");
    assertThat(detector.state().buckets()).isEqualTo(before.buckets());

    PlaceState afterLate = detector.state();
    Detector.Outcome tooLate = detector.onArticle(story("old", DAY_ONE.minus(Duration.ofHours(1)), "c.example"), FULL_FEED);
    assertThat(tooLate.droppedLate()).isTrue();
    assertThat(detector.state()).isEqualTo(afterLate);
  }

  @Test
  void outOfOrderStoriesWithinTheWindowCountAsInOrder() {
    List<EnrichedArticle> feed = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      feed.add(story("s" + i, ESCALATION.plus(Duration.ofMinutes(30L * i)), "outlet" + i + ".example"));
    }
    List<EnrichedArticle> shuffled = List.of(feed.get(2), feed.get(0), feed.get(5), feed.get(1),
        feed.get(4), feed.get(3));

    assertThat(Backtest.run(shuffled, HOURLY, WatchFilter.all())).extracting(Alert::getLevel)
        .isEqualTo(List.of(Level.ELEVATED, Level.ESCALATING))
        .isEqualTo(Backtest.run(feed, HOURLY, WatchFilter.all()).stream().map(Alert::getLevel).toList());
  }

  @Test
  void aSlowSustainedClimbIsCaughtByTheCusum() {
    List<EnrichedArticle> feed = new ArrayList<>();
    for (int day = 0; day < 30; day++) {
      int stories = day < 20 ? 1 : 4; // a story a day, then 4 a day: a spike score of only 2.7
      for (int i = 0; i < stories; i++) {
        feed.add(story("d" + day + "s" + i, DAY_ONE.plus(Duration.ofDays(day)).plus(Duration.ofHours(i)),
            "outlet" + (day + i) % 5 + ".example"));
      }
    }

    List<Alert> alerts = Backtest.run(feed, DAILY, WatchFilter.all());

    assertThat(alerts).singleElement().satisfies(a -> {
      assertThat(a.getLevel()).isEqualTo(Level.ELEVATED);
      assertThat(a.getDetectedAt()).isAfter(DAY_ONE.plus(Duration.ofDays(21)));
      assertThat(a.getSummary()).contains("a sustained rise");
    });
  }

  @Test
  void hourlyBucketsWeighABusyDayOnceInTheClimb() {
    List<String> outlets = List.of("a.example", "b.example", "c.example", "d.example");
    // a town that has had a story an hour from these outlets, the last window quiet
    PlaceState usual = new PlaceState(KOSTIANTYNIVKA.getGeonameId(), "Kostiantynivka", "UA", 48.5, 37.7,
        Level.NORMAL, 1.0, 0, 0, 0, DAY_ONE.minus(Duration.ofHours(6)).toEpochMilli(), List.of(), Map.of(),
        outlets.stream().collect(Collectors.toMap(o -> o, o -> DAY_ONE.toEpochMilli() - 1)), List.of(), 0, 0, List.of(), List.of());
    Detector detector = Detector.resume(HOURLY, usual);
    List<Alert> alerts = new ArrayList<>();

    for (int hour = 0; hour < 24; hour++) { // a day at twice the rate
      for (int i = 0; i < 2; i++) {
        detector.onArticle(story("h" + hour + "s" + i, DAY_ONE.plus(Duration.ofHours(hour)).plusSeconds(60L * i),
            outlets.get((hour + i) % 4)), FULL_FEED).alert().ifPresent(alerts::add);
      }
    }

    // within the usual swing from day to day: its twenty-four hours are one day's evidence
    assertThat(alerts).isEmpty();
  }

  @Test
  void aStateResumedFromItsSnapshotCarriesOnAlike() {
    List<EnrichedArticle> feed = Donbas.demo().stream()
        .filter(a -> a.getPlaces().contains(KOSTIANTYNIVKA)).toList();

    assertThat(alertsResumedFromEverySnapshot(feed)).hasSize(3);
  }

  /**
   * A window overflowing into counted reports, copies among them, sliding hour by hour: what
   * the detector keeps tallied as it goes matches what it recounts from its stored state.
   */
  @Test
  void aBusyPlaceResumedFromEverySnapshotCarriesOnAlike() {
    Random random = new Random(7);
    List<EnrichedArticle> feed = new ArrayList<>();
    for (int i = 0; i < 20 * Detector.STORIES_KEPT; i++) {
      Instant at = ESCALATION.plus(Duration.ofMinutes(i / 4));
      String outlet = "outlet-" + random.nextInt(60) + ".example";
      feed.add(i > 0 && random.nextInt(4) == 0
          ? copy("s" + i, feed.get(random.nextInt(i)), at, outlet)
          : story("s" + i, at, outlet));
    }

    assertThat(alertsResumedFromEverySnapshot(feed)).isNotEmpty();
  }

  /**
   * Feeds one detector straight and another resumed from its state before every article,
   * asserts that both end alike, and returns the alerts, the same from both.
   */
  private static List<Alert> alertsResumedFromEverySnapshot(List<EnrichedArticle> feed) {
    Detector straight = Detector.start(HOURLY, KOSTIANTYNIVKA);
    Detector resumed = Detector.start(HOURLY, KOSTIANTYNIVKA);
    List<Alert> straightAlerts = new ArrayList<>();
    List<Alert> resumedAlerts = new ArrayList<>();
    for (EnrichedArticle article : feed) {
      straight.onArticle(article, FULL_FEED).alert().ifPresent(straightAlerts::add);
      resumed = Detector.resume(HOURLY, resumed.state());
      resumed.onArticle(article, FULL_FEED).alert().ifPresent(resumedAlerts::add);
    }
    assertThat(resumedAlerts).isEqualTo(straightAlerts);
    assertThat(resumed.state()).isEqualTo(straight.state());
    return straightAlerts;
  }

  /** A place in the world's headlines: its state stays small, and every report still counts. */
  @Test
  void aPlaceWithThousandsOfStoriesKeepsABoundedStateAndCountsThemAll() {
    Detector detector = Detector.start(HOURLY, KOSTIANTYNIVKA);
    int reports = 3 * Detector.STORIES_KEPT;
    List<Alert> alerts = new ArrayList<>();
    for (int i = 0; i < reports; i++) {
      detector.onArticle(story("s" + i, ESCALATION.plusSeconds(i), "outlet-" + i % 50 + ".example"), FULL_FEED)
          .alert().ifPresent(alerts::add);
    }

    PlaceState state = detector.state();
    assertThat(state.buckets().stream().mapToInt(b -> b.stories().size()).sum()).isEqualTo(Detector.STORIES_KEPT);
    assertThat(state.buckets().stream()
        .mapToInt(b -> b.stories().size() + (b.rest() == null ? 0 : b.rest().reports())).sum()).isEqualTo(reports);
    assertThat(alerts).extracting(Alert::getLevel).last().isEqualTo(Level.CRITICAL);
  }

  /** After a month without a story a place is remembered as a quiet place only: its state shrinks. */
  @Test
  void aPlaceQuietForAMonthIsRememberedAsQuiet() {
    Detector detector = Detector.start(HOURLY, KOSTIANTYNIVKA);
    detector.onArticle(story("s1", ESCALATION, "a.example"), FULL_FEED);
    PlaceState state = detector.state();

    assertThat(PlaceMemory.forgotten(HOURLY, state, ESCALATION.plus(Duration.ofDays(20)).toEpochMilli())).isFalse();
    assertThat(PlaceMemory.forgotten(HOURLY, state, ESCALATION.plus(Duration.ofDays(32)).toEpochMilli())).isTrue();
    long monthLater = ESCALATION.plus(Duration.ofDays(32)).toEpochMilli();
    PlaceState restarted = Detector.forArticle(HOURLY, null, () -> state, KOSTIANTYNIVKA, monthLater).state();
    assertThat(restarted.buckets()).isEmpty();
    assertThat(restarted.baseline()).as("at the floor, not the prior of a place never seen")
        .isLessThan(Detector.start(HOURLY, KOSTIANTYNIVKA).state().baseline());
  }

  private static List<String> outletADay(int days, List<String> outlets) {
    return IntStream.range(0, days).mapToObj(day -> outlets.get(day % outlets.size())).toList();
  }

  /** A story a day from the given outlets, then five stories in a day from the rising ones. */
  private static List<Alert> riseAfter(List<String> outletADay, List<String> rising) {
    List<EnrichedArticle> feed = new ArrayList<>();
    for (int day = 0; day < outletADay.size(); day++) {
      feed.add(story("d" + day, DAY_ONE.plus(Duration.ofDays(day)), outletADay.get(day)));
    }
    Instant riseDay = DAY_ONE.plus(Duration.ofDays(outletADay.size()));
    for (int i = 0; i < 5; i++) {
      feed.add(story("rise" + i, riseDay.plus(Duration.ofHours(i)), rising.get(i % rising.size())));
    }
    return Backtest.run(feed, DAILY, WatchFilter.all());
  }

  /**
   * The alerts of a feed of {@code feedPerDay} articles a day naming no place, in which
   * Kostiantynivka has a story on day 0 and none until day 14, then, for three days, four
   * reports a day, three hours apart, from three outlets that never covered it.
   */
  private static List<Alert> riseOfFourADayIn(int feedPerDay, DetectorSettings settings, int hoursApart) {
    List<EnrichedArticle> feed = new ArrayList<>();
    for (int i = 0; i < 17 * feedPerDay; i++) {
      feed.add(article("other" + i).at(DAY_ONE.plus(Duration.ofDays(17).dividedBy(17L * feedPerDay).multipliedBy(i)))
          .source("outlet" + i % 20 + ".example").build());
    }
    feed.add(story("first", DAY_ONE.plus(Duration.ofHours(9)), "a.example"));
    List<String> rising = List.of("x.example", "y.example", "z.example");
    for (int day = 14; day < 17; day++) {
      for (int i = 0; i < 4; i++) {
        feed.add(story("d" + day + "s" + i, DAY_ONE.plus(Duration.ofDays(day)).plus(Duration.ofHours(8 + hoursApart * i)),
            rising.get((day + i) % rising.size())));
      }
    }
    feed.sort(Comparator.comparing(EnrichedArticle::getPublishedAt).thenComparing(EnrichedArticle::getId));
    return Backtest.run(feed, settings, WatchFilter.all());
  }

  /** Feeds a day's stories from two outlets; returns the last alert raised. */
  private static Optional<Alert> day(Detector detector, int day, int stories) {
    Optional<Alert> last = Optional.empty();
    for (int i = 0; i < stories; i++) {
      Instant at = DAY_ONE.plus(Duration.ofDays(day)).plus(Duration.ofHours(i));
      Optional<Alert> alert = detector.onArticle(story("d" + day + "s" + i, at, "o" + i % 2 + ".example"), FULL_FEED).alert();
      if (alert.isPresent()) {
        last = alert;
      }
    }
    return last;
  }

  private static EnrichedArticle copy(String id, EnrichedArticle original, Instant at, String source) {
    return article(id).at(at).source(source).about(KOSTIANTYNIVKA).copyOf(original.getId()).build();
  }

  private static EnrichedArticle story(String id, Instant at, String source) {
    return article(id).at(at).source(source).about(KOSTIANTYNIVKA).build();
  }

  @Test
  void aPlaceKeepsTheCountsOfTheWeekBeforeItsWindowForItsTimelineAndNoMore() {
    Detector detector = Detector.start(HOURLY, KOSTIANTYNIVKA);
    for (int day = 0; day < 10; day++) { // a story a day at noon, then one more ten days on
      detector.onArticle(article("day" + day).at(DAY_ONE.plus(Duration.ofDays(day)).plusSeconds(12 * 3600))
          .source("a.example").about(KOSTIANTYNIVKA).build(), FULL_FEED);
    }

    PlaceState state = detector.state();
    // the last story is in the window; of the nine before, those of the last week (168 hourly buckets)
    Instant windowStart = Instant.ofEpochMilli(state.windowStart());
    assertThat(state.history()).extracting(c -> Instant.ofEpochMilli(c.start()))
        .allSatisfy(start -> assertThat(start).isAfterOrEqualTo(windowStart.minus(Duration.ofHours(Detector.HISTORY_BUCKETS))))
        .hasSize(7)
        .isSorted();
    assertThat(state.history()).allSatisfy(c -> assertThat(c.stories()).isEqualTo(1));
    assertThat(state.bucketMillis()).isEqualTo(Duration.ofHours(1).toMillis());
    assertThat(state.windowBuckets()).isEqualTo(6);
  }
}
