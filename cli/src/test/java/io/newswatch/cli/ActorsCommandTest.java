package io.newswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code actors import} on a dictionary in the Phoenix format, then {@code tag --actors} with its output. */
class ActorsCommandTest {
  @TempDir Path dir;

  @Test
  void importedPhoenixActorsAreTagged() throws Exception {
    Path phoenix = Files.writeString(dir.resolve("sample.actors.txt"), """
        # Phoenix format: entries, +aliases, dated roles
        KAJA_KALLAS_  # CountryInfo.txt
        +HIGH_REPRESENTATIVE_KALLAS
        \t[ESTGOV 210126-240723]
        \t[IGOEEC >241201]
        RUSTEM_UMEROV_
        +UMEROV_
        \t[UKRGOV >230906]
        """);
    Path actors = dir.resolve("actors.tsv");

    var imported = CommandLineTest.run("actors", "import", phoenix.toString(), "--out", actors.toString(),
        "--as-of", "2025-06-01");

    assertThat(imported.exitCode()).as(imported.err()).isZero();
    assertThat(imported.out()).contains("2 actors");

    Path in = Files.writeString(dir.resolve("in.jsonl"), "{\"id\": \"a\", \"title\": \"Kallas meets Umerov\", "
        + "\"body\": \"High Representative Kallas met Umerov in Brussels.\", \"publishedAt\": \"2025-06-02T10:00:00Z\"}\n");
    Path out = dir.resolve("out.jsonl");
    var tagged = CommandLineTest.run("tag", "--in", in.toString(), "--out", out.toString(), "--actors", actors.toString());

    assertThat(tagged.exitCode()).as(tagged.err()).isZero();
    List<JsonNode> articles = OfflineCommandsTest.jsonLines(out);
    assertThat(articles.get(0).get("actors").findValuesAsText("id"))
        .containsExactlyInAnyOrder("IGOEEC.KAJA_KALLAS", "UKR.UMEROV");
  }

  @Test
  void aBadDateIsAUsageError() throws Exception {
    Path phoenix = Files.writeString(dir.resolve("x.actors.txt"), "X_ [USA]\n");
    var r = CommandLineTest.run("actors", "import", phoenix.toString(), "--out", dir.resolve("o").toString(),
        "--as-of", "June");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--as-of");
  }
}
