package io.newswatch.enrich.places;

import static io.newswatch.enrich.TestArticles.raw;
import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.avro.PlaceMention;
import io.newswatch.enrich.Enricher;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ukrainian and Russian news sentences full of everyday words that foreign places carry as
 * alternate names ("Вони", "Так", "Если", "Суд", "Ранее", "Кореи", "Рада", "Біля"), beside the
 * towns they do name, inflected: each names exactly its towns (countries aside).
 */
class CyrillicNewsTest {
  private static final Enricher ENRICHER = Enricher.loadDefault();

  static Stream<Arguments> sentences() throws IOException {
    try (InputStream in = CyrillicNewsTest.class.getResourceAsStream("cyrillic-news.tsv")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(line -> !line.isBlank() && !line.startsWith("#"))
          .map(line -> line.split("\t", -1))
          .map(f -> Arguments.of(f[0], f.length < 2 || f[1].isEmpty() ? List.of() : Arrays.asList(f[1].split("\\|"))))
          .toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sentences")
  void namesItsTownsAndNoWordAsAPlace(String sentence, List<String> towns) {
    List<String> tagged = ENRICHER.enrich(raw("c", "Новини", sentence)).getPlaces().stream()
        .filter(p -> !p.getKind().equals("country")).map(PlaceMention::getName).toList();
    assertThat(tagged).containsExactlyInAnyOrderElementsOf(towns);
  }
}
