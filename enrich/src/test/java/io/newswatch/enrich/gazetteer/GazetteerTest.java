package io.newswatch.enrich.gazetteer;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.enrich.Enricher;
import org.junit.jupiter.api.Test;

class GazetteerTest {
  private final Gazetteer gazetteer = Enricher.loadDefault().gazetteer();

  @Test
  void lookupFindsBothKostiantynivkasMostPopulousFirst() {
    for (String name : new String[] {"Konstantinovka", "Костянтинівка", "kostyantynivka", "Константиновка"}) {
      assertThat(gazetteer.lookup(name)).as(name).extracting(Place::geonameId)
          .startsWith(705104L, 705115L);
    }
    Place town = gazetteer.lookup("Konstantinovka").get(0);
    assertThat(town.admin1()).isEqualTo("Donetsk Oblast");
    assertThat(town.kind()).isEqualTo(Place.Kind.LOCALITY);
    assertThat(town.countryCode()).isEqualTo("UA");
  }

  @Test
  void byIdKnowsLocalitiesRegionsAndCountries() {
    assertThat(gazetteer.byId(703448)).get().extracting(Place::name).isEqualTo("Kyiv");
    assertThat(gazetteer.byId(709716)).get().extracting(Place::kind).isEqualTo(Place.Kind.REGION);
    assertThat(gazetteer.byId(690791)).get().extracting(Place::kind).isEqualTo(Place.Kind.COUNTRY);
    assertThat(gazetteer.byId(42)).isEmpty();
  }

  @Test
  void sharedNamesListTheProminentPlaceFirst() {
    assertThat(gazetteer.lookup("Donetsk")).extracting(Place::kind)
        .startsWith(Place.Kind.LOCALITY, Place.Kind.REGION);
    assertThat(gazetteer.lookup("Moldova").get(0).kind()).isEqualTo(Place.Kind.COUNTRY);
    assertThat(gazetteer.lookup("Donbas")).extracting(Place::name).containsExactly("Donbas");
  }
}
