package io.newswatch.enrich.actors;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.avro.ActorMention;
import io.newswatch.enrich.text.Tokens;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PhoenixDictionaryTest {
  @TempDir Path dir;

  private static List<String> sample() throws IOException, URISyntaxException {
    return Files.readAllLines(Path.of(Objects.requireNonNull(
        PhoenixDictionaryTest.class.getResource("phoenix-sample.actors.txt")).toURI()));
  }

  private static List<String[]> read(LocalDate asOf) throws Exception {
    return PhoenixDictionary.read(sample(), asOf, Set.of("MOSCOW")::contains);
  }

  private static List<String> rows(LocalDate asOf) throws Exception {
    return read(asOf).stream().map(r -> String.join("\t", r)).toList();
  }

  @Test
  void entriesBecomeActorRowsWithTheRoleCurrentOnTheDate() throws Exception {
    assertThat(rows(LocalDate.of(2025, 6, 1))).containsExactly(
        "RUS.RUSSIAN_FEDERATION\tcountry\tRU\tRussian Federation\tRUSSIAN FEDERATION|RUSSIA\tMOSCOW",
        "RUS.VLADIMIR_PUTIN\tperson\tRU\tVladimir Putin\tVLADIMIR PUTIN|PUTIN|PRESIDENT VLADIMIR V. PUTIN\t",
        "UKR.OLEKSANDR_SYRSKYI\tperson\tUA\tOleksandr Syrskyi\tOLEKSANDR SYRSKYI|SYRSKYI|GENERAL SYRSKYI\t",
        "UKR.ZAPORIZHZHIA_FREEDOM_FRONT\tarmed_group\tUA\tZaporizhzhia Freedom Front\tZAPORIZHZHIA FREEDOM FRONT|ZFF\t",
        "IGOUNO.THE_UNITED_NATIONS\torganisation\t\tThe United Nations\tTHE UNITED NATIONS|U.N.\t");
  }

  @Test
  void someoneWhoseRolesHaveAllEndedIsLeftOut() throws Exception {
    assertThat(rows(LocalDate.of(1995, 1, 1))).anyMatch(r -> r.startsWith("RUS.BORIS_YELTSIN\tperson"));
    assertThat(rows(LocalDate.of(2025, 1, 1))).noneMatch(r -> r.contains("YELTSIN"));
    assertThat(rows(LocalDate.of(2023, 1, 1))).noneMatch(r -> r.contains("SYRSKYI")); // in office from 2024-02
  }

  @Test
  void importedActorsJoinTheBundledOnesWithoutDuplicates() throws Exception {
    Path file = dir.resolve("phoenix.tsv");
    Files.write(file, rows(LocalDate.of(2025, 6, 1)));
    ActorTagger tagger = ActorTagger.bundledPlus(file);

    List<ActorMention> found = tagger.tag(Tokens.of(
        "President Vladimir V. Putin met ZFF commanders; Moscow said nothing; Putin left."));
    assertThat(found).extracting(ActorMention::getId)
        .containsExactly("RUS.PUTIN", "UKR.ZAPORIZHZHIA_FREEDOM_FRONT", "RUS.GOV");
    assertThat(found.get(0).getMentions()).hasSize(2);
    assertThat(found.stream().map(ActorMention::getType).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("person", "armed_group", "government");
  }
}
