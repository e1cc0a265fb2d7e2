package io.newswatch.enrich;

import static io.newswatch.enrich.TestArticles.placeIds;
import static io.newswatch.enrich.TestArticles.raw;
import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.avro.ActorMention;
import io.newswatch.avro.EnrichedArticle;
import io.newswatch.avro.Mention;
import io.newswatch.avro.PlaceMention;
import io.newswatch.enrich.text.ArticleText;
import org.junit.jupiter.api.Test;

class EnricherTest {
  private static final long KOSTIANTYNIVKA = 705104;
  private static final long DONETSK_OBLAST = 709716;
  private static final long UKRAINE = 690791;
  private static final long KYIV = 703448;
  private static final long RUSSIA = 2017370;

  private final Enricher enricher = Enricher.loadDefault();

  @Test
  void seedArticleIsAboutKostiantynivkaInDonetskOblast() {
    EnrichedArticle article = enricher.enrich(TestArticles.konstantinovka());

    assertThat(article.getFocus()).isNotNull();
    assertThat(article.getFocus().getGeonameId()).isEqualTo(KOSTIANTYNIVKA);
    assertThat(article.getFocus().getConfidence()).isBetween(0.5, 1.0);
    assertThat(placeIds(article)).contains(KOSTIANTYNIVKA, DONETSK_OBLAST, UKRAINE, KYIV);
    assertThat(placeIds(article)).as("Russia is named only as who acts: \"Russia's actions\"").doesNotContain(RUSSIA);
    assertThat(article.getActors()).extracting(ActorMention::getId)
        .contains("RUS.PUTIN", "RUS", "UKR", "UKR.GOV");
    assertThat(article.getIntensity().getScore()).isGreaterThanOrEqualTo(0.6);
    assertThat(article.getIntensity().getCues()).contains("intense fighting", "bombardment");
    assertThat(article.getLanguage()).isEqualTo("en");
  }

  @Test
  void mentionOffsetsPointIntoTheCleanText() {
    EnrichedArticle article = enricher.enrich(TestArticles.konstantinovka());
    for (PlaceMention place : article.getPlaces()) {
      for (Mention m : place.getMentions()) {
        assertThat(article.getText().substring(m.getStart(), m.getEnd())).isEqualTo(m.getSurface());
      }
    }
    PlaceMention kostiantynivka = article.getPlaces().stream()
        .filter(p -> p.getGeonameId() == KOSTIANTYNIVKA).findFirst().orElseThrow();
    assertThat(kostiantynivka.getMentions().get(0).getSurface()).isEqualTo("Konstantinovka");
    assertThat(kostiantynivka.getMentions().get(0).getStart()).isZero();
  }

  @Test
  void textIsTitleBlankLineAndBodyWithoutMarkup() {
    EnrichedArticle article = enricher.enrich(raw("h", "Shelling in Kharkiv",
        "<p>Shells hit <b>Kharkiv</b> overnight.</p><p>Two people were wounded.</p>"));
    assertThat(article.getText())
        .isEqualTo("Shelling in Kharkiv\n\nShells hit Kharkiv overnight.\n\nTwo people were wounded.");
    assertThat(article.getPlaces()).extracting(PlaceMention::getName).containsExactly("Kharkiv");
  }

  @Test
  void cyrillicArticleIsTaggedAndItsLanguageDetected() {
    EnrichedArticle uk = enricher.enrich(raw("uk", "Бої за Костянтинівку",
        "У Костянтинівці Донецької області тривають запеклі бої."));
    assertThat(uk.getLanguage()).isEqualTo("uk");
    assertThat(uk.getFocus().getGeonameId()).isEqualTo(KOSTIANTYNIVKA);
    assertThat(placeIds(uk)).contains(DONETSK_OBLAST);

    EnrichedArticle ru = enricher.enrich(raw("ru", "Бои в Константиновке",
        "Российские войска обстреляли Константиновку."));
    assertThat(ru.getLanguage()).isEqualTo("ru");
    assertThat(ru.getFocus().getGeonameId()).isEqualTo(KOSTIANTYNIVKA);
  }

  @Test
  void aPlaceNameInsideAPersonsNameIsNotAPlace() {
    EnrichedArticle article = enricher.enrich(raw("p", "Vladimir Putin visits troops",
        "Vladimir Putin met commanders. Later he flew to Volodymyr in Volyn oblast."));

    assertThat(article.getPlaces()).filteredOn(p -> p.getName().startsWith("Volodymyr"))
        .singleElement()
        .satisfies(p -> assertThat(p.getMentions()).extracting(m -> m.getSurface()).containsExactly("Volodymyr"));
    assertThat(enricher.enrich(TestArticles.konstantinovka()).getPlaces())
        .extracting(p -> p.getName()).doesNotContain("Volodymyr-Volynskyi");
  }

  @Test
  void oversizedBodyIsCutAndFlaggedNotRefused() {
    String body = "Shelling in Kharkiv overnight. " + "More words follow here. ".repeat(200_000);
    EnrichedArticle article = enricher.enrich(raw("big", "A very long page", body));
    assertThat(article.getTruncated()).isTrue();
    assertThat(article.getText().length()).isLessThanOrEqualTo(ArticleText.MAX_CHARS + 100);
    assertThat(article.getPlaces()).extracting(PlaceMention::getName).containsExactly("Kharkiv");
    assertThat(enricher.enrich(TestArticles.konstantinovka()).getTruncated()).isFalse();
  }

  @Test
  void articleWithoutPlacesHasNoFocus() {
    EnrichedArticle article = enricher.enrich(raw("n", "Markets rally", "Stocks rose on Tuesday."));
    assertThat(article.getPlaces()).isEmpty();
    assertThat(article.getFocus()).isNull();
  }

  @Test
  void defaultEnricherIsSharedAndFingerprintIsSet() {
    assertThat(Enricher.loadDefault()).isSameAs(enricher);
    assertThat(enricher.enrich(TestArticles.konstantinovka()).getFingerprint()).isNotZero();
  }
}
