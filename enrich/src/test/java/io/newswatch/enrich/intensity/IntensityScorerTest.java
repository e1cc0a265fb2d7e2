package io.newswatch.enrich.intensity;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.avro.Intensity;
import io.newswatch.enrich.text.Tokens;
import org.junit.jupiter.api.Test;

class IntensityScorerTest {
  private static Intensity score(String text) {
    return IntensityScorer.bundled().score(Tokens.of(text));
  }

  @Test
  void severalStrongCuesAreHigh() {
    Intensity intensity = score("Heavy fighting and shelling; an airstrike killed five and wounded ten.");
    assertThat(intensity.getScore()).isGreaterThanOrEqualTo(0.7);
    assertThat(intensity.getCues()).containsExactly("intense fighting", "shelling", "airstrike", "killed", "wounded");
  }

  @Test
  void cuesInUkrainianAndRussian() {
    assertThat(score("Обстріл і штурм, запеклі бої").getCues()).containsExactly("shelling", "assault", "intense fighting");
    assertThat(score("Обстрелы и штурм").getCues()).containsExactly("shelling", "assault");
  }

  @Test
  void negationAndHedgesReduce() {
    assertThat(score("There was no shelling overnight.").getScore()).isZero();
    assertThat(score("The ceasefire is holding and the city is calm.").getScore()).isZero();
    assertThat(score("Officials denied reports of shelling.").getScore())
        .isLessThan(score("Reports of shelling.").getScore());
  }

  @Test
  void hedgedCuesCountHalfUnlessAlsoStatedPlainly() {
    double plain = score("Russian troops shelled the town.").getScore();
    double hedged = score("Russian troops reportedly shelled the town.").getScore();
    assertThat(hedged).isGreaterThan(0).isLessThan(plain);
    assertThat(score("Нібито обстріляли місто.").getScore()).isEqualTo(hedged);
    assertThat(score("Troops may have shelled the town. Later troops shelled the town.").getScore())
        .isEqualTo(plain);
  }

  @Test
  void repetitionDoesNotEscalateAndScoreSaturates() {
    assertThat(score("shelling shelling shelling").getScore()).isEqualTo(score("shelling").getScore());
    assertThat(score("intense fighting, shelling, bombardment, airstrike, missile strike, assault, "
        + "offensive, casualties, killed, wounded, destroyed, evacuation").getScore()).isBetween(0.95, 1.0);
    assertThat(score("Markets rose.").getScore()).isZero();
  }
}
