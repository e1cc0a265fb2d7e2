package io.newswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import io.newswatch.schemas.Json;

class DemoTest {

  @ParameterizedTest
  @ValueSource(strings = {"2026-12-07T08:40:00Z", "2026-12-07T08:50:00Z", "2027-03-01T23:59:59Z",
      "2025-11-20T08:50:00Z"})
  void theFeedEndsOnTheLastDayItCanWithEveryArticleAtItsTimeOfDayAndInItsOrder(String day) throws IOException {
    Instant now = Instant.parse(day);
    List<JsonNode> bundled = lines(Demo.feed());
    List<JsonNode> dated = lines(Demo.datedFor(now));

    assertThat(dated).hasSameSizeAs(bundled);
    Instant last = dated.stream().map(DemoTest::publishedAt).max(Instant::compareTo).orElseThrow();
    assertThat(last).isBeforeOrEqualTo(now).isAfter(now.minus(Duration.ofDays(1)));
    for (int i = 0; i < bundled.size(); i++) {
      assertThat(dated.get(i).get("id")).isEqualTo(bundled.get(i).get("id"));
      assertThat(dated.get(i).get("body")).isEqualTo(bundled.get(i).get("body"));
      assertThat(publishedAt(dated.get(i)).atOffset(ZoneOffset.UTC).toLocalTime())
          .isEqualTo(publishedAt(bundled.get(i)).atOffset(ZoneOffset.UTC).toLocalTime());
    }
  }

  private static Instant publishedAt(JsonNode article) {
    return Instant.parse(article.get("publishedAt").asText());
  }

  private static List<JsonNode> lines(Reader feed) throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(feed)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lines.add(Json.MAPPER.readTree(line));
      }
    }
    return lines;
  }
}
