package io.newswatch.enrich.gazetteer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GazetteerBuilderTest {
  @TempDir
  Path dir;

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(GazetteerBuilderTest.class.getResource(name).toURI());
  }

  private Gazetteer build(Set<String> countries) throws Exception {
    Path out = dir.resolve("g.tsv.gz");
    GazetteerBuilder.build(resource("mini-dump.txt"), resource("mini-admin1.json"), countries, out);
    return Gazetteer.load(out);
  }

  @Test
  void countryFilterKeepsItsPlacesAndEveryCountry() throws Exception {
    Gazetteer gazetteer = build(Set.of("UA"));
    assertThat(gazetteer.lookup("Warsaw")).isEmpty();
    assertThat(gazetteer.lookup("Poland")).extracting(Place::geonameId).containsExactly(798544L);
    assertThat(gazetteer.lookup("Польща")).extracting(Place::geonameId).containsExactly(798544L);
    assertThat(gazetteer.lookup("Константиновка")).extracting(Place::geonameId).containsExactly(705104L);
  }

  @Test
  void withoutFilterTheWholeDumpIsKept() throws Exception {
    Gazetteer gazetteer = build(Set.of());
    assertThat(gazetteer.lookup("Warszawa")).extracting(Place::geonameId).containsExactly(756135L);
    assertThat(gazetteer.lookup("Mazovia region")).extracting(Place::kind).containsExactly(Place.Kind.REGION);
  }

  @Test
  void regionsTakeDumpIdsCuratedAliasesAndTheirPlacesPosition() throws Exception {
    Gazetteer gazetteer = build(Set.of("UA"));
    Place oblast = gazetteer.byId(709716).orElseThrow();
    assertThat(oblast.name()).as("curated name").isEqualTo("Donetsk Oblast");
    assertThat(gazetteer.lookup("Donetska Oblast")).as("dump name").containsExactly(oblast);
    assertThat(gazetteer.lookup("Донецька область")).containsExactly(oblast);
    assertThat(oblast.lat()).isEqualTo(48.5277);
    assertThat(gazetteer.byId(705104).orElseThrow().admin1()).isEqualTo("Donetsk Oblast");
    Place donbas = gazetteer.lookup("Donbass").get(0);
    assertThat(donbas.geonameId()).isEqualTo(GazetteerBuilder.derivedId("region:Donbas")).isNegative();
  }

  @Test
  void codesAndOtherScriptsAreNotAliases() throws Exception {
    Gazetteer gazetteer = build(Set.of("UA"));
    assertThat(gazetteer.lookup("IEV")).isEmpty();
    assertThat(gazetteer.lookup("コスチャンチニウカ")).isEmpty();
    assertThat(gazetteer.lookup("Київ")).extracting(Place::geonameId).containsExactly(703448L);
  }
}
