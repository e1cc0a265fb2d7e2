package io.newswatch.alerts.watchlist;

import static io.newswatch.alerts.Donbas.DONETSK_OBLAST;
import static io.newswatch.alerts.Donbas.KOSTIANTYNIVKA;
import static io.newswatch.alerts.Donbas.KRAMATORSK;
import static io.newswatch.alerts.Donbas.UKRAINE;
import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.alerts.Donbas;
import io.newswatch.avro.Level;
import io.newswatch.avro.PlaceMention;
import io.newswatch.avro.Watch;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WatchlistTest {
  private static final Watch KOSTIANTYNIVKA_FROM_ESCALATING = Watch.newBuilder()
      .setPlaceId(KOSTIANTYNIVKA.getGeonameId()).setName("Kostiantynivka")
      .setMinLevel(Level.ESCALATING).setAddedAt(Donbas.DAY_ONE).build();

  @Test
  void watchingAllSkipsCountriesAndRegions() {
    WatchFilter all = WatchFilter.all();

    assertThat(all.watches(KOSTIANTYNIVKA)).isTrue();
    assertThat(all.watches(UKRAINE)).isFalse();
    assertThat(all.watches(DONETSK_OBLAST)).isFalse();
  }

  @Test
  void watchingAllCanSkipSmallPlaces() {
    PlaceMention town = PlaceMention.newBuilder(KOSTIANTYNIVKA).setPopulation(67_000).build();
    PlaceMention village = PlaceMention.newBuilder(KOSTIANTYNIVKA).setPopulation(900).build();

    assertThat(WatchFilter.all(10_000).watches(town)).isTrue();
    assertThat(WatchFilter.all(10_000).watches(village)).isFalse();
    assertThat(WatchFilter.all(10_000).watches(KOSTIANTYNIVKA)).as("population unknown").isFalse();
    assertThat(WatchFilter.all().watches(village)).isTrue();
  }

  @Test
  void placesWatchedByIdAreWatchedWhateverTheirKind() {
    WatchFilter places = WatchFilter.places(Set.of(UKRAINE.getGeonameId()));

    assertThat(places.watches(UKRAINE)).isTrue();
    assertThat(places.watches(KOSTIANTYNIVKA)).isFalse();
    assertThat(WatchFilter.none().watches(KOSTIANTYNIVKA)).isFalse();
  }

  @Test
  void aWatchsOwnLevelWinsAndAlwaysWatchedPlacesPublishFromElevated() {
    Map<Long, Watch> topic = Map.of(KOSTIANTYNIVKA.getGeonameId(), KOSTIANTYNIVKA_FROM_ESCALATING);

    Watchlist onlyTopic = new Watchlist(WatchFilter.none(), topic::get);
    Watchlist plusAll = new Watchlist(WatchFilter.all(), topic::get);

    assertThat(onlyTopic.minLevel(KOSTIANTYNIVKA)).contains(Level.ESCALATING);
    assertThat(onlyTopic.minLevel(KRAMATORSK)).isEmpty();
    assertThat(plusAll.minLevel(KOSTIANTYNIVKA)).contains(Level.ESCALATING);
    assertThat(plusAll.minLevel(KRAMATORSK)).contains(Level.ELEVATED);
    assertThat(plusAll.minLevel(UKRAINE)).isEmpty();
  }
}
