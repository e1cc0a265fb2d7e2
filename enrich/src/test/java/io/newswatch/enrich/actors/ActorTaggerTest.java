package io.newswatch.enrich.actors;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.avro.ActorMention;
import io.newswatch.enrich.text.Tokens;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActorTaggerTest {
  private static List<ActorMention> tag(String text) {
    return ActorTagger.bundled().tag(Tokens.of(text));
  }

  private static List<String> ids(String text) {
    return tag(text).stream().map(ActorMention::getId).toList();
  }

  @Test
  void peopleInThreeLanguagesAndPossessives() {
    assertThat(ids("Putin’s speech; Путін; Путина; Vladimir Putin's aide")).containsExactly("RUS.PUTIN");
    assertThat(tag("Putin’s speech").get(0).getMentions().get(0).getSurface()).isEqualTo("Putin");
    assertThat(ids("Zelenskyy met Syrskyi; Зеленський, Зеленский")).containsExactly("UKR.ZELENSKY", "UKR.SYRSKYI");
  }

  @Test
  void capitalsThatSpeakAreTheirGovernments() {
    assertThat(ids("Kyiv said the attack failed. Moscow denied it. The Kremlin declined to comment."))
        .containsExactly("UKR.GOV", "RUS.GOV");
    ActorMention kyiv = tag("Kyiv said so").get(0);
    assertThat(kyiv.getMentions().get(0).getSurface()).isEqualTo("Kyiv");
    assertThat(ids("Residents of Kyiv sheltered.")).isEmpty();
    assertThat(ids("the destabilizing influence of Kyiv; pressure from Moscow"))
        .containsExactly("UKR.GOV", "RUS.GOV");
  }

  @Test
  void forcesAndInternationalBodies() {
    assertThat(ids("Russian forces advanced; NATO and the UN warned; Wagner fighters left."))
        .containsExactly("RUS.MIL", "NATO", "UN", "RUS.WAGNER");
    assertThat(tag("NATO").get(0).getType()).isEqualTo("organisation");
    assertThat(tag("NATO").get(0).getCountry()).isNull();
  }

  @Test
  void lowerCaseWordsAreNotActors() {
    assertThat(ids("un jour, the wagner tuba")).isEmpty();
  }
}
