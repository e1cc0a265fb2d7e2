package io.newswatch.enrich.places;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.enrich.gazetteer.Place;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TransliterationSlipsTest {
  private static final Place POPASNA = town(1, "Popasna", 20_000);
  private static final Place POPOVKA = town(2, "Popovka", 6_000);
  private static final Place MARHANETS = town(3, "Marhanets", 45_000);
  private static final TransliterationSlips SLIPS = new TransliterationSlips(Map.of(
      "popasna", List.of(POPASNA), "popovka", List.of(POPOVKA), "marhanets", List.of(MARHANETS)));

  private static Place town(long id, String name, long population) {
    return new Place(id, name, Place.Kind.LOCALITY, "UA", "UA.05", "Donetsk Oblast", 48, 38, population);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"popsana,Popasna", "popasana,Popasna", "popasn,Popasna", "popasnaa,Popasna", "popasma,Popasna",
      "marganets,Marhanets", "popovkas,Popovka"})
  void aWordOneSlipFromATownIsThatTown(String word, String town) {
    assertThat(SLIPS.correct(word)).map(Place::name).contains(town);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"popasna,popsana,true", "popasna,popasn,true", "popasna,popasnaa,true", "popasna,popama,false",
      "abcde,abdce,true", "abcde,badce,false", "abcde,abcde,false", "abcde,abcdef,true", "abcde,xabcde,true",
      "abcde,abxde,true", "abcde,abxye,false", "abcde,abc,false"})
  void oneEditApartIsOneLetterLeftOutAddedChangedOrTwoSwapped(String a, String b, boolean oneEdit) {
    assertThat(TransliterationSlips.oneEditApart(a, b)).isEqualTo(oneEdit);
    assertThat(TransliterationSlips.oneEditApart(b, a)).isEqualTo(oneEdit);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"popasna", "popasnaya2", "pops", "marsupial", "popovskaia"})
  void aTownsOwnSpellingAShortWordOrOneFurtherOffIsNoSlip(String word) {
    assertThat(SLIPS.correct(word)).isEmpty();
  }
}
