package io.newswatch.enrich.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokensTest {
  private static String key(String name) {
    return Tokens.of(name).phrase();
  }

  @Test
  void ukrainianRussianAndLatinSpellingsConverge() {
    assertThat(key("Kostiantynivka")).isEqualTo(key("Kostyantynivka")).isEqualTo(key("Kostjantynivka"))
        .isEqualTo("kostiantinivka");
    assertThat(key("Костянтинівка")).isEqualTo(key("Костянтинівку")).isEqualTo("kostiantinivk");
    assertThat(key("Konstantinovka")).isEqualTo(key("KONSTANTINOVKA"));
    assertThat(key("Pokrovs'k")).isEqualTo(key("Pokrovsk")).isEqualTo(key("Pokrovs’k"));
    assertThat(key("Donbass")).isEqualTo(key("Donbas"));
    assertThat(key("Zaporiżżia")).isEqualTo(key("zaporizzia"));
  }

  @Test
  void cyrillicCaseEndingsAreStemmed() {
    assertThat(key("Константиновке")).isEqualTo(key("Константиновка"));
    assertThat(key("Донецкой области")).isEqualTo(key("Донецкая область")).isEqualTo(key("Donetsk oblast"));
    assertThat(key("Путиным")).isEqualTo(key("Путін")).isEqualTo(key("Putin"));
  }

  @Test
  void possessivesAreCutAndOffsetsPointIntoTheText() {
    String text = "Putin’s war, Donbass's people and ‘Kyiv’";
    Tokens tokens = Tokens.of(text);
    assertThat(tokens.key(0)).isEqualTo("putin");
    assertThat(tokens.surface(0, 1)).isEqualTo("Putin");
    assertThat(tokens.key(2)).isEqualTo("donbas");
    assertThat(tokens.surface(2, 3)).isEqualTo("Donbass");
    assertThat(tokens.surface(4, 6)).isEqualTo("and ‘Kyiv");
    assertThat(tokens.surface(5, 6)).isEqualTo("Kyiv");
    assertThat(tokens.capitalised(0)).isTrue();
    assertThat(tokens.capitalised(1)).isFalse();
  }

  @Test
  void punctuationSeparatesWords() {
    assertThat(Tokens.of("Ivano-Frankivsk, (Kharkiv).").phrase()).isEqualTo("ivano frankivsk kharkiv");
  }

  @Test
  void everyWordOfATextOfShortWordsIsKeptWithItsOffsetsAndHash() {
    String text = "a b c d e f g h i j k l m n o p q r s t u v w x y z ".repeat(4) + "Kyiv";
    Tokens tokens = Tokens.of(text);
    assertThat(tokens.size()).isEqualTo(105);
    assertThat(tokens.key(104)).isEqualTo("kiv");
    assertThat(tokens.surface(104, 105)).isEqualTo("Kyiv");
    assertThat(tokens.hash(104)).isEqualTo(Tokens.of("Kyiv").hash(0));
    assertThat(tokens.hash(0)).isNotEqualTo(tokens.hash(1));
  }

  @Test
  void charactersThatFoldToSeveralFitHoweverManyThereAre() {
    Tokens tokens = Tokens.of("\ufb01".repeat(100) + " Kyiv " + "\ufb01".repeat(3));
    assertThat(tokens.key(0)).isEqualTo("fi".repeat(100));
    assertThat(tokens.key(1)).isEqualTo("kiv");
    assertThat(tokens.key(2)).isEqualTo("fififi");
    assertThat(tokens.hash(2)).isEqualTo(Tokens.of("fififi").hash(0));
  }
}
