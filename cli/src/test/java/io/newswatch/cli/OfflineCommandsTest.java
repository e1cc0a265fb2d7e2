package io.newswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.newswatch.schemas.AvroJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tag} and {@code backtest} as a user runs them, on the bundled demo feed and a seed article. */
class OfflineCommandsTest {
  @TempDir Path dir;

  Path demoFeed() throws Exception {
    Path feed = dir.resolve("demo.jsonl");
    try (var in = Demo.feed(); var copy = Files.newBufferedWriter(feed)) {
      in.transferTo(copy);
    }
    return feed;
  }

  static List<JsonNode> jsonLines(Path file) throws Exception {
    return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).map(l -> {
      try {
        return AvroJson.MAPPER.readTree(l);
      } catch (Exception e) {
        throw new AssertionError(l, e);
      }
    }).toList();
  }

  @Test
  void tagFindsKostiantynivkaAndPutinInTheSeedArticle() throws Exception {
    Path in = Path.of(Objects.requireNonNull(getClass().getResource("/konstantinovka.jsonl")).toURI());
    Path out = dir.resolve("enriched.jsonl");

    var r = CommandLineTest.run("tag", "--in", in.toString(), "--out", out.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode article = jsonLines(out).get(0);
    assertThat(article.get("focus").get("geonameId").asLong()).isEqualTo(705104L);
    assertThat(article.get("places").findValuesAsText("countryCode")).contains("UA");
    assertThat(article.get("actors").findValuesAsText("id")).contains("RUS.PUTIN");
    assertThat(article.get("intensity").get("score").asDouble()).isGreaterThanOrEqualTo(0.7);
  }

  @Test
  void backtestOfTheDemoFeedAlertsOnKostiantynivkaOnly() throws Exception {
    Path out = dir.resolve("alerts.jsonl");

    var r = CommandLineTest.run("backtest", "--in", demoFeed().toString(), "--out", out.toString(),
        "--watch", "Kramatorsk,705104,Sloviansk");

    assertThat(r.exitCode()).as(r.err()).isZero();
    List<JsonNode> alerts = jsonLines(out);
    assertThat(alerts).isNotEmpty();
    assertThat(alerts).allSatisfy(a -> assertThat(a.get("placeId").asLong()).isEqualTo(705104L));
    assertThat(alerts).extracting(a -> a.get("level").asText()).contains("ESCALATING").doesNotHaveDuplicates();
    assertThat(r.out()).contains("25 articles, " + alerts.size() + " alerts")
        .containsPattern("ESCALATING 1 \\(40\\.0\\)");
  }

  @Test
  void twoBacktestsOfOneFeedGiveTheSameAlertIds() throws Exception {
    Path feed = demoFeed();
    Path first = dir.resolve("first.jsonl");
    Path second = dir.resolve("second.jsonl");

    CommandLineTest.run("backtest", "--in", feed.toString(), "--out", first.toString(), "--watch-all");
    CommandLineTest.run("backtest", "--in", feed.toString(), "--out", second.toString(), "--watch-all");

    assertThat(Files.readAllLines(second)).isNotEmpty().isEqualTo(Files.readAllLines(first));
  }
}
