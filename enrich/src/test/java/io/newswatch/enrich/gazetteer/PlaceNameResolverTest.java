package io.newswatch.enrich.gazetteer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Names a desk types, in any spelling or case form, against the bundled gazetteer. */
class PlaceNameResolverTest {
  private static final Gazetteer GAZETTEER = Gazetteer.bundled();

  @ParameterizedTest(name = "{0} ({1}) is {2}")
  @CsvSource({
      "Костянтинівка, '', 705104",
      "Костянтинівці, '', 705104",
      "Kostiantynivka, '', 705104",
      "Konstantinovka, UA, 705104",
      "Константиновка, UA, 705104",
      "Покровськ, UA, 704422",
      "Pokrovsk, UA, 704422",
      "Sloviansk, '', 693468",
      "Слов'янськ, '', 693468",
      "Kramatorsk, '', 704508",
      "Бахмут, '', 713174",
  })
  void aNameClearlyMeantResolves(String name, String preferred, long id) {
    Set<String> countries = preferred.isEmpty() ? Set.of() : Set.of(preferred);
    assertThat(PlaceNameResolver.resolve(GAZETTEER, name, countries).place()).extracting(Place::geonameId)
        .isEqualTo(id);
  }

  @Test
  void anAmbiguousNameListsTheLikeliestFirst() {
    var konstantinovka = PlaceNameResolver.resolve(GAZETTEER, "Konstantinovka", Set.of());
    assertThat(konstantinovka.place()).isNull();
    assertThat(konstantinovka.ranked().get(0).geonameId()).isEqualTo(705104L);

    var pokrovsk = PlaceNameResolver.resolve(GAZETTEER, "Покровськ", Set.of());
    assertThat(pokrovsk.place()).as("Engels, Saratov, was Pokrovsk until 1931").isNull();
    assertThat(pokrovsk.ranked().get(0).geonameId()).isEqualTo(704422L);

    var pisky = PlaceNameResolver.resolve(GAZETTEER, "Pisky", Set.of("UA"));
    assertThat(pisky.place()).isNull();
    assertThat(pisky.ranked()).hasSizeGreaterThan(10).allSatisfy(p -> assertThat(p.name()).isNotBlank());
  }
}
