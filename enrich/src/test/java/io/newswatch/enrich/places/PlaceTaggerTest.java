package io.newswatch.enrich.places;

import static io.newswatch.enrich.TestArticles.placeIds;
import static io.newswatch.enrich.TestArticles.raw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.newswatch.avro.EnrichedArticle;
import io.newswatch.avro.PlaceMention;
import io.newswatch.avro.RawArticle;
import io.newswatch.enrich.Enricher;
import java.util.Set;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

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

  @Test
  void commonEnglishWordsNeedEvidenceBeforeTheyAreTowns() {
    assertThat(tag("Drone footage", "Drone footage of the Convoy near the Crater.").getPlaces()).isEmpty();
    assertThat(tag("News", "Nice is sunny.").getPlaces()).isEmpty();
    assertThat(tag("News", "Nice, France, is sunny.").getPlaces()).extracting(PlaceMention::getName)
        .containsExactly("Nice", "France");
  }

  @Test
  void acronymsAreNotTowns() {
    assertThat(tag("News", "A SAM site and an IED; BUK launchers.").getPlaces()).isEmpty();
  }

  @Test
  void wellKnownPlacesCountInLowerCaseWhenTheArticlePointsToTheirCountry() {
    assertThat(placeIds(tag("News", "kharkiv fires, Ukraine"))).contains(706483L);
    assertThat(tag("News", "kharkiv fires").getPlaces()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"fires in kharkiv", "Satellite imagery of fires in kharkiv crossing",
      "вибухи в харкові", "взрывы под харьковом"})
  void aWellKnownTownInLowerCaseAfterAPrepositionOfPlaceIsThePlace(String text) {
    assertThat(placeIds(tag("News", text))).containsExactly(706483L);
  }

  @Test
  void aForeignNamesakeWithoutEvidenceIsDropped() {
    // Khram is also an alternate name of Tsalka in Georgia; the article is about Luhansk oblast.
    EnrichedArticle article = tag("News", "The church Khram near Komyshuvakha, Luhansk Oblast, was damaged.");
    assertThat(article.getPlaces()).extracting(PlaceMention::getCountryCode).containsOnly("UA");
  }

  @Test
  void aWellKnownPlaceIsNotTakenForASmallNamesakeInTheRegionOfAnotherName() {
    // Paris, Illinois (8,000 people) shares a state with Chicago; Moscow, Idaho a country with New York
    assertThat(tag("News", "Markets in Paris fell, and wheat rose in Chicago.").getPlaces())
        .extracting(PlaceMention::getCountryCode).containsExactly("FR", "US");
    assertThat(tag("News", "Talks in Moscow ended; shares fell in New York.").getPlaces())
        .extracting(PlaceMention::getCountryCode).containsExactly("RU", "US");
    // its region named, the namesake is meant
    assertThat(tag("News", "A storm hit Paris, Texas, and Dallas.").getPlaces())
        .extracting(PlaceMention::getAdmin1).first().isEqualTo("Texas");
  }

  @Test
  void preferredCountryDecidesWhenTheArticleDoesNot() {
    Enricher ukrainian = Enricher.load(new Enricher.Options(null, null, Set.of("UA")));
    RawArticle tokmak = raw("t", "News", "Shelling in Tokmak.");
    assertThat(ukrainian.enrich(tokmak).getPlaces()).extracting(PlaceMention::getCountryCode).containsExactly("UA");
    RawArticle khram = raw("k", "News", "Damage at Khram.");
    assertThat(ukrainian.enrich(khram).getPlaces()).isEmpty();
    // "Khram" is only an alternate name of Georgia's Khrami, of another language: not without Georgia named
    assertThat(enricher.enrich(khram).getPlaces()).isEmpty();
  }

  @Test
  void aLandmarkNamedAfterAnotherPlaceIsNotThatPlace() {
    assertThat(tag("News", "Damage to the Sumy market in Kharkiv.").getPlaces())
        .extracting(PlaceMention::getName).containsExactly("Kharkiv");
    assertThat(tag("News", "Shelling near Gorky Park in Kharkiv.").getPlaces())
        .extracting(PlaceMention::getName).containsExactly("Kharkiv");
    assertThat(tag("News", "Shelling of the Odesa port.").getPlaces())
        .extracting(PlaceMention::getName).containsExactly("Odesa");
    assertThat(tag("News", "Strikes on Polohy factory, Zaporizhzhia Oblast.").getPlaces())
        .extracting(PlaceMention::getName).contains("Polohy");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Kramators'k", "Kramators’k", "Kramatorsʼk", "Kramatorsʹk", "Kramatorsk"})
  void softSignTransliterationsFindTheTown(String spelling) {
    assertThat(placeIds(tag("News", "Shelling in " + spelling + " overnight."))).containsExactly(704508L);
  }

  @Test
  void wellKnownTownsInLowerCaseCountWhenTheTextSupportsThem() {
    assertThat(tag("News", "explosions in odesa and mykolaiv overnight.").getPlaces())
        .extracting(PlaceMention::getName).containsExactly("Odesa", "Mykolayiv");
    assertThat(tag("News", "kharkiv fires after strikes.").getPlaces()).as("nothing supports it").isEmpty();
  }

  @Test
  void aRegionNamedSettlesWhichOfManyNamesakesAndAnOldNameOfACityIsNotIt() {
    PlaceMention oleksandrivka = tag("News", "Destruction of the village of Oleksandrivka, Kherson region.")
        .getPlaces().get(0);
    assertThat(oleksandrivka.getName()).isEqualTo("Oleksandrivka");
    assertThat(oleksandrivka.getAdmin1()).isEqualTo("Kherson Oblast");
    assertThat(tag("News", "A Russian tank in Oleksandrivka.").getPlaces()).extracting(PlaceMention::getName)
        .doesNotContain("Donetsk");
    // a Russian spelling GeoNames gives one village as its own name still means the city
    assertThat(placeIds(tag("News", "Shelling in Zaporozhye overnight."))).containsExactly(687700L);
    assertThat(tag("News", "Strikes on Vinnitsa.").getPlaces()).extracting(PlaceMention::getName)
        .containsExactly("Vinnytsya");
    assertThat(tag("News", "Gorky Park was damaged.").getPlaces()).isEmpty();
  }

  @Test
  void aTownAbroadNamedOnlyByAnotherLanguagesNameNeedsItsCountry() {
    assertThat(tag("News", "A fire in the Riviera shopping centre in Odesa.").getPlaces())
        .extracting(PlaceMention::getCountryCode).containsOnly("UA");
    assertThat(tag("News", "Iskander missiles were moved.").getPlaces()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Video of Golden Agro grain elevator destroyed", "Strike on the Nika-Tera grain terminal in Mykolaiv"})
  void aWellKnownCityAbroadNamedOnlyByAnotherLanguagesNameNeedsItsCountry(String text) {
    assertThat(tag("News", text).getPlaces()).extracting(PlaceMention::getCountryCode).allMatch("UA"::equals);
  }

  @Test
  void aWellKnownCityAbroadIsNamedInCyrillicAsTheCyrillicPressNamesIt() {
    assertThat(tag("Новини", "Переговори в Парижі.").getPlaces())
        .extracting(PlaceMention::getCountryCode).containsExactly("FR");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Russia struck Kharkiv overnight.", "Russia's strike on Kharkiv.",
      "Russia-backed forces shelled Kharkiv.", "Russia forces shelled Kharkiv.", "Росія завдала удару по Харкову."})
  void aCountryNamedOnlyAsWhoActsIsNoPlaceOfTheArticle(String text) {
    assertThat(tag("News", text).getPlaces()).extracting(PlaceMention::getName).containsExactly("Kharkiv");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Burn marks in Russia near the border.", "Fires in Russia.", "Talks between Russia and Ukraine",
      "Пожежі в Росії.", "Russia, near the border"})
  void aCountryNamedAsWhereIsAPlace(String text) {
    assertThat(tag("News", text).getPlaces()).extracting(PlaceMention::getName).contains("Russia");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Strikes on the Riviera shopping mall.", "Crater in Taras Shevchenko Park.",
      "A column of trucks on Svobody Square.", "Fire after strike on Gorky Park.", "Damage at Nikolsky Mall after strike.",
      "The Azov regiment defended the steel works.", "Fighters of the Wagner group withdrew."})
  void aLandmarksNameIsNoTownAbroadWhenNothingPlacesTheArticle(String text) {
    assertThat(tag("News", text).getPlaces()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Pontoon bridge hit by artillery overnight.", "Boats crossed the Siverskyi Donets River at dawn."})
  void aLandmarkNounThatIsAlsoAStopWordStillMakesTheNameBeforeItTheLandmarks(String text) {
    // "bridge" and "river" are on the stop list too: Pontonnyy and Siverskiy are towns of Russia
    assertThat(tag("News", text).getPlaces()).extracting(PlaceMention::getCountryCode).doesNotContain("RU");
  }

  @ParameterizedTest
  @CsvSource({"Russian helicopters over Hostomel airport.,Hostomel", "Queues at the Irpin bridge.,Irpin",
      "Evacuation train left Kramatorsk station.,Kramatorsk"})
  void aTownsOwnLandmarkBehindAStopWordNounIsStillTheTown(String text, String town) {
    assertThat(tag("News", text).getPlaces()).extracting(PlaceMention::getName).containsExactly(town);
  }

  @ParameterizedTest
  @ValueSource(strings = {"The State Duma voted on the law.", "Protesters threw Molotov cocktails at the gate.",
      "Syrian troops crossed the border.", "A German howitzer arrived by train.",
      "The White House announced new aid.", "The Red Cross delivered aid.",
      "Lawmakers on Capitol Hill debated the aid package.", "The Supreme Court ruled on Friday.",
      "Elon Musk said prices would fall.", "Hurricane Milton made landfall.", "Украинские военные сбили ракету.",
      "Українські військові збили ракету.", "Украинская армия наступает."})
  void aParliamentACocktailInstitutionsAndPeoplesAdjectivesAreNoTowns(String text) {
    assertThat(tag("News", text).getPlaces()).extracting(PlaceMention::getKind).doesNotContain("locality", "region");
  }

  @ParameterizedTest
  @ValueSource(strings = {"A Pantsir battery was destroyed overnight.", "Two Buk launchers were hit.",
      "Osa air defence systems moved north.", "Grad rockets struck the outskirts.", "Росіяни обстріляли місто з Градів і Смерчів.",
      "Знищено зенітний комплекс Панцирь.", "Pion howitzers and Msta guns fired all night."})
  void weaponSystemsNamedLikeTownsAreNoTowns(String text) {
    assertThat(tag("News", text).getPlaces()).extracting(PlaceMention::getKind).doesNotContain("locality", "region");
  }

  @Test
  void aLandmarksNameWithNothingInItsCountryIsNoTownThereWhenTheArticleIsPlacedElsewhere() {
    assertThat(tag("News", "Shelling damaged the Myr hotel in Sievierodonetsk.").getPlaces())
        .extracting(PlaceMention::getCountryCode).containsOnly("UA");
    assertThat(tag("News", "Tourists visited the Myr castle in Belarus.").getPlaces())
        .extracting(PlaceMention::getName, PlaceMention::getCountryCode).contains(tuple("Mir", "BY"));
  }

  @Test
  void theTownsBehindThoseWordsAreStillFoundByTheirOwnSpellings() {
    assertThat(tag("News", "Shelling in Douma, Syria.").getPlaces()).extracting(PlaceMention::getCountryCode).contains("SY");
    assertThat(tag("News", "Protests in Perm, Russia.").getPlaces()).extracting(PlaceMention::getName).contains("Perm");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Ivan Petrenko visited the front.", "A statue of Yuri Gagarin was removed.",
      "Governor Chaus said two schools were hit.", "Damage to the shrine of Queen Tamara.",
      "Colonel General Alexander Lapin awarded medals."})
  void aGivenNameOrATitleMakesTheNamesAroundItAPersons(String text) {
    assertThat(tag("News", text).getPlaces()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"Queues outside Nova Poshta in Mykolaiv.,Mykolayiv", "Houses burned in Malaya Rohan overnight.,Rohan",
      "Shelling of Nova Kakhovka overnight.,Nova Kakhovka", "Fighting near Velyka Novosilka.,Velyka Novosilka",
      "Kharkiv Governor Oleh Syniehubov spoke.,Kharkiv", "Air raid alert in Ivano-Frankivsk.,Ivano-Frankivsk",
      "Mayor of Kyiv Vitali Klitschko spoke.,Kyiv"})
  void aQualifierOpensAVillagesNameAndAPlaceBesideATitleStaysAPlace(String text, String town) {
    assertThat(tag("News", text).getPlaces()).extracting(PlaceMention::getName).containsExactly(town);
  }

  @ParameterizedTest
  @CsvSource({"Boats on the Dnipro river near Kherson.,Kherson", "Shelling across the Donets river at Izium.,Izium"})
  void aNameBeforeRiverIsTheRiverNotATownNamedForIt(String text, String town) {
    assertThat(tag("News", text).getPlaces()).extracting(PlaceMention::getName).containsExactly(town);
  }

  @ParameterizedTest
  @CsvSource({"Вибухи у Новій Каховці.,Nova Kakhovka", "Взрывы в Новой Каховке.,Nova Kakhovka",
      "Бої біля Часового Яру.,Chasiv Yar", "Бои у Часова Яра.,Chasiv Yar", "Вибухи в Білій Церкві.,Bila Tserkva",
      "Вибухи у Кривому Розі.,Kryvyy Rih", "Вибухи у Кременчуці.,Kremenchuk"})
  void aNameThatOpensWithAnAdjectiveIsFoundInEveryCase(String text, String town) {
    assertThat(tag("Новини", text).getPlaces()).extracting(PlaceMention::getName).containsExactly(town);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Russian troops withdrew from Kherson to the left bank of the Dnipro.",
      "Boats crossed the Dnipro near Kherson at night.", "Shelling across the Dnipro's banks near Kherson."})
  void aNameWrittenAsARiversIsNoTown(String text) {
    assertThat(tag("News", text).getPlaces()).extracting(PlaceMention::getName).containsExactly("Kherson");
  }

  @ParameterizedTest
  @CsvSource({"The Kharkiv offensive began in September.,Kharkiv", "Strikes on the Kharkiv and Sumy regions.,Kharkiv",
      "Talks in The Hague.,The Hague", "Peace talks resumed in the Crimea.,Crimea",
      "Russian troops landed on the Kinburn Spit.,Kinburns’ka Kosa", "Strikes on Snake Island.,Ostriv Zmiyinyy"})
  void aTownOrRegionAfterTheIsStillOne(String text, String place) {
    assertThat(tag("News", text).getPlaces()).extracting(PlaceMention::getName).contains(place);
  }

  @Test
  void aTownNamedElsewhereInTheArticleStaysBesideItsRiver() {
    assertThat(tag("News", "Explosions in Dnipro. Smoke over the Dnipro river.").getPlaces())
        .extracting(PlaceMention::getName).containsExactly("Dnipro");
  }

  @ParameterizedTest
  @CsvSource({"Damaged school in Verbivka.,Verbivka", "Damage to Verbivka school.,Verbivka",
      "Russian forces at Komyshuvakha train station.,Komyshuvakha", "Hostomel airport under attack.,Hostomel",
      "Severodonetsk hospital suffered damage.,Sievierodonetsk", "Transport planes at Gomel airport.,Homyel'",
      "Shelling near the Kharkov railway station.,Kharkiv", "Crowds sheltered in a Kyiv metro station.,Kyiv"})
  void aLandmarkNamedForItsTownIsTheTown(String text, String town) {
    assertThat(tag("News", text).getPlaces()).extracting(PlaceMention::getName).containsExactly(town);
  }

  @ParameterizedTest
  @CsvSource({"Incendiary weapons used in Popsana.,Popasna", "Shelling of a residential area in Bordyanka.,Borodianka",
      "Bank and apartments damaged in Marganets.,Marhanets", "Destroyed ice rink in Severdonetsk.,Sievierodonetsk"})
  void aTownsNameMisspeltByOneLetterAfterAPrepositionOfPlaceIsTheTownAndAGuess(String text, String town) {
    List<PlaceMention> places = tag("News", text).getPlaces();
    assertThat(places).extracting(PlaceMention::getName).containsExactly(town);
    assertThat(places.get(0).getConfidence()).isEqualTo(0.5);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Talks in Vienne about Popsana.", "Fire in Popsana, Texas.", "Meeting in Parris tomorrow.",
      "Seen in Brussels with Popsana Smith."})
  void aMisspeltNameIsCorrectedOnlyToATownOfACyrillicCountryThatNothingPlacesElsewhere(String text) {
    assertThat(tag("News", text).getPlaces()).extracting(PlaceMention::getCountryCode).doesNotContain("UA");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Damage to a University and its surroundings", "Fire near the Station overnight"})
  void aLandmarkNounWrittenAsANameIsNoTown(String text) {
    assertThat(tag("News", text).getPlaces()).isEmpty();
  }

  @Test
  void aTownNamedBesideSettlesWhichNamesakeAndAGuessSaysSo() {
    PlaceMention guess = tag("News", "Shelling near Pisky overnight.").getPlaces().get(0);
    PlaceMention beside = tag("News", "Shelling near Pisky and Avdiivka overnight.").getPlaces().get(0);
    assertThat(beside.getAdmin1()).isEqualTo("Donetsk Oblast");
    assertThat(beside.getConfidence()).isGreaterThan(guess.getConfidence());
    assertThat(guess.getConfidence()).as("one of 25 villages, nothing to tell them apart").isLessThanOrEqualTo(0.55);
  }

  /** Kyiv is a region of its own; the towns around it are Kyiv Oblast's, a border away. */
  @ParameterizedTest
  @CsvSource({"Paratroopers landed at Hostomel airport near Kyiv.,Hostomel", "Fighting at the Irpin bridge outside Kyiv.,Irpin",
      "Bodies found in Bucha near Kyiv.,Bucha"})
  void aTownBesideACityAcrossTheirRegionsBorderIsPlacedByIt(String text, String town) {
    assertThat(tag("News", text).getPlaces()).extracting(PlaceMention::getName, PlaceMention::getAdmin1)
        .contains(tuple(town, "Kyiv Oblast"), tuple("Kyiv", "Kyiv City"));
  }

  @Test
  void aVillageOfUnknownPopulationKeepsItsOwnNameFromAnothersAlternateOne() {
    assertThat(tag("News", "Shelling in the town of Buzova.").getPlaces()).extracting(PlaceMention::getName)
        .containsExactly("Buzova");
  }
}
