package io.newswatch.enrich.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArticleTextTest {
  @Test
  void plainTextKeepsItsParagraphs() {
    assertThat(ArticleText.of(" Title ", "First  line.\r\n\r\n\r\nSecond 3 < 4 line."))
        .isEqualTo("Title\n\nFirst line.\n\nSecond 3 < 4 line.");
  }

  @Test
  void htmlIsReducedToItsText() {
    assertThat(ArticleText.of("T", "<div><p>One &amp; two</p><script>x()</script><p>Three<br>four</p></div>"))
        .isEqualTo("T\n\nOne & two\n\nThree\nfour");
  }

  @Test
  void titleOnly() {
    assertThat(ArticleText.of("Only a title", "")).isEqualTo("Only a title");
  }

  @Test
  void languageGuess() {
    assertThat(Language.detect("Бої за Костянтинівку")).isEqualTo("uk");
    assertThat(Language.detect("Бои за Константиновку")).isEqualTo("ru");
    assertThat(Language.detect("Fighting in Konstantinovka")).isEqualTo("en");
  }
}
