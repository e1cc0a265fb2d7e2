package io.newswatch.enrich.places;

import static io.newswatch.enrich.TestArticles.placeIds;
import static io.newswatch.enrich.TestArticles.raw;
import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.avro.EnrichedArticle;
import io.newswatch.avro.PlaceMention;
import io.newswatch.enrich.Enricher;
import org.junit.jupiter.api.Test;

class PlaceTaggerTest {
  private final Enricher enricher = Enricher.loadDefault();

  private EnrichedArticle tag(String title, String body) {
    return enricher.enrich(raw("t", title, body));
  }

  @Test
  void spellingsOfKostiantynivkaAllResolveToTheDonetskTown() {
    for (String name : new String[] {"Konstantinovka", "Kostiantynivka", "Kostyantynivka",
        "Костянтинівка", "Константиновка", "Костянтинівці", "Константиновке"}) {
      EnrichedArticle article = tag("News", "Fighting near " + name + " continued.");
      assertThat(placeIds(article)).as(name).containsExactly(705104L);
    }
  }

  @Test
  void pokrovskWithAndWithoutApostrophe() {
    assertThat(placeIds(tag("News", "Troops left Pokrovs'k."))).containsExactly(704422L);
    assertThat(placeIds(tag("News", "Troops left Pokrovsk."))).containsExactly(704422L);
  }

  @Test
  void oldNameArtemovskIsBakhmut() {
    assertThat(placeIds(tag("News", "Shelling in Artemovsk."))).containsExactly(713174L);
  }

  @Test
  void regionContextPicksTheKostiantynivkaInZaporizhzhiaOblast() {
    EnrichedArticle article = tag("News",
        "In Zaporizhzhia region, the village of Kostiantynivka was shelled.");
    assertThat(placeIds(article)).containsExactly(687699L, 705115L);
    assertThat(tag("News", "Kostiantynivka was shelled.").getPlaces().get(0).getGeonameId())
        .isEqualTo(705104L);
  }

  @Test
  void donetskRegionIsTheOblastNotOnlyTheCity() {
    EnrichedArticle article = tag("News", "Explosions in the Donetsk region and in Donetsk oblast.");
    assertThat(placeIds(article)).containsExactly(709716L);
    assertThat(article.getPlaces().get(0).getMentions()).hasSize(2);
    assertThat(article.getPlaces().get(0).getKind()).isEqualTo("region");
  }

  @Test
  void donbasIsANewswatchRegion() {
    PlaceMention donbas = tag("News", "The war in Donbass goes on.").getPlaces().get(0);
    assertThat(donbas.getName()).isEqualTo("Donbas");
    assertThat(donbas.getGeonameId()).isNegative();
  }

  @Test
  void commonWordsAndLowerCaseAreNotPlaces() {
    assertThat(tag("News", "Police said the war was over. May brought rain.").getPlaces()).isEmpty();
    assertThat(tag("News", "the kostiantynivka road").getPlaces()).isEmpty();
  }

  @Test
  void oneUnknownNameDoesNotHideTheOthers() {
    EnrichedArticle article = tag("News", "From Zzyzxville to Kharkiv and Lviv.");
    assertThat(article.getPlaces()).extracting(PlaceMention::getName).containsExactly("Kharkiv", "Lviv");
  }

  @Test
  void countriesInThreeLanguages() {
    assertThat(placeIds(tag("News", "Russia and Україна and Россия and the United States.")))
        .containsExactly(2017370L, 690791L, 6252001L);
  }

  @Test
  void focusPrefersTheLocalityInTheTitle() {
    EnrichedArticle article = tag("Strike on Izium",
        "Ukraine said Russia hit Izium in Kharkiv Oblast. Ukraine and Russia traded blame.");
    assertThat(article.getFocus().getName()).isEqualTo("Izium");
  }
}
