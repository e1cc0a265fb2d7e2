package io.newswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.newswatch.schemas.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tag} and {@code backtest} as a user runs them, on the bundled demo feed, the README's sample file and a seed article. */
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
        return Json.MAPPER.readTree(l);
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
  void theReadmesSampleArticlesAreEachTaggedWithTheTownTheyAreAbout() throws Exception {
    Path sample = Path.of("..", "examples", "articles.jsonl");
    Path out = dir.resolve("sample-enriched.jsonl");

    var r = CommandLineTest.run("tag", "--in", sample.toString(), "--out", out.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(jsonLines(out)).extracting(a -> a.get("focus").get("name").asText())
        .containsExactly("Kramatorsk", "Kostiantynivka", "Sloviansk", "Druzhkivka", "Pokrovsk");
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

  /** Reports of the jump in Bilohorivka, a village of 1,142 people in Luhansk Oblast: each its own story. */
  private static final List<String> VILLAGE_REPORTS = List.of(
      "Russian forces shelled Bilohorivka in Luhansk Oblast overnight, the regional governor said.",
      "Ukrainian troops repelled an assault on Bilohorivka, Luhansk Oblast, according to the general staff.",
      "Residents of Bilohorivka spent the night in basements as artillery hit the village.",
      "A school in Bilohorivka was destroyed by a guided bomb on Tuesday morning.",
      "Evacuation buses left Bilohorivka under fire, volunteers in Luhansk Oblast reported.",
      "Drone footage shows burning armour on the road into Bilohorivka.",
      "The governor of Luhansk Oblast called the attack on Bilohorivka the heaviest this year.",
      "Medics in Bilohorivka treated wounded soldiers and civilians through the afternoon.",
      "Russian bloggers claimed a breakthrough at Bilohorivka, which Kyiv denied.",
      "Power and water are cut in Bilohorivka after the shelling damaged the substation.",
      "Analysts say the fight for Bilohorivka decides the northern flank in Luhansk Oblast.",
      "Two civilians were killed in Bilohorivka when a shell struck their house.");

  /**
   * Discovery by default watches villages: a village whose coverage jumps across outlets, in a
   * feed of a few reports a day, raises an alert; with a population floor it is not watched.
   */
  @Test
  void backtestWatchingAllAlertsOnAVillageWhoseCoverageJumps() throws Exception {
    Path feed = dir.resolve("village.jsonl");
    List<String> lines = new ArrayList<>();
    String[] towns = {"Kramatorsk", "Sloviansk", "Pokrovsk"};
    for (int day = 0; day < 10; day++) {
      for (int t = 0; t < towns.length; t++) {
        lines.add(raw("d" + day + "t" + t, "outlet" + (day + t) % 4 + ".example", "Power engineers restore lines in "
            + towns[t], "Engineers in " + towns[t] + " restored power after a storm on day " + day + ".", day, 8 + t));
      }
      if (day % 5 == 0) {
        lines.add(raw("local" + day, "local.example", "Harvest in Bilohorivka",
            "Farmers in Bilohorivka, Luhansk Oblast, brought in the sunflower harvest.", day, 12));
      }
    }
    for (int i = 0; i < VILLAGE_REPORTS.size(); i++) {
      lines.add(raw("jump" + i, "outlet" + i % 8 + ".example", "Bilohorivka under attack", VILLAGE_REPORTS.get(i), 10, 9 + i / 2));
    }
    Files.write(feed, lines);
    Path everyPlace = dir.resolve("every-place.jsonl");
    Path sizeable = dir.resolve("sizeable.jsonl");

    var r = CommandLineTest.run("backtest", "--in", feed.toString(), "--out", everyPlace.toString(), "--watch-all",
        "--bucket", "1d");
    CommandLineTest.run("backtest", "--in", feed.toString(), "--out", sizeable.toString(), "--watch-all",
        "--bucket", "1d", "--min-population", "10000");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(jsonLines(everyPlace)).filteredOn(a -> a.get("placeName").asText().equals("Bilohorivka"))
        .extracting(a -> a.get("level").asText()).containsAnyOf("ESCALATING", "CRITICAL");
    assertThat(jsonLines(sizeable)).noneMatch(a -> a.get("placeName").asText().equals("Bilohorivka"));
  }

  private static String raw(String id, String source, String title, String body, int day, int hour) {
    return String.format(Locale.ROOT, "{\"id\": \"%s\", \"url\": \"https://%s/news/%s\", \"source\": \"%s\", "
        + "\"title\": \"%s\", \"body\": \"%s\", \"publishedAt\": \"2025-11-%02dT%02d:00:00Z\"}",
        id, source, id, source, title, body, 10 + day, hour);
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
