package io.newswatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TopicsTest {
  /** Where an operator or a consumer's author learns the topics' names. */
  private static final List<Path> DOCS = List.of(Path.of("..", "README.md"), Path.of("..", "docs", "OPERATIONS.md"),
      Path.of("..", "docs", "ARCHITECTURE.md"), Path.of("..", "docker-compose.yml"));
  private static final Pattern TOPIC_NAME = Pattern.compile("\\bnews\\.[a-z][a-z.]*[a-z]");

  /**
   * A consumer written from the docs (the README's Python reader of the JSON alerts, kcat
   * lines, docker-compose) finds its topic: every name they give is one newswatch uses, and
   * every topic newswatch uses is named there.
   */
  @Test
  void theDocumentedTopicNamesAreTheOnesInUse() throws IOException {
    Set<String> documented = new TreeSet<>();
    for (Path doc : DOCS) {
      Matcher m = TOPIC_NAME.matcher(Files.readString(doc));
      while (m.find()) {
        documented.add(m.group());
      }
    }

    assertThat(documented).isEqualTo(names(Topics.defaults()));
  }

  /** Deployments that share a cluster under different prefixes never read each other's records. */
  @Test
  void deploymentsWithTwoPrefixesShareNoTopicAndGetTheSameSettings() {
    Topics desk1 = Topics.withPrefix("desk1.");
    Topics desk2 = Topics.withPrefix("desk2.");

    assertThat(names(desk1)).doesNotContainAnyElementsOf(names(desk2)).doesNotContainAnyElementsOf(names(Topics.defaults()));
    for (int i = 0; i < desk1.all().size(); i++) {
      assertThat(desk1.configs(desk1.all().get(i).name())).as(desk1.all().get(i).name())
          .isEqualTo(Topics.defaults().configs(Topics.defaults().all().get(i).name()));
    }
  }

  /** A watch, a subscription or a feed's state is kept until it is removed, however old. */
  @Test
  void latestValuesPerKeyAreCompactedNeverAgedOut() {
    Topics topics = Topics.withPrefix("desk1.");

    for (Topic<?, ?> t : List.of(topics.watchlist(), topics.subscriptions(), topics.feeds())) {
      assertThat(topics.configs(t.name())).as(t.name()).isEqualTo(Map.of("cleanup.policy", "compact"));
    }
  }

  /** A replay can go a year back in raw articles, and a subscriber catch up a year of alerts. */
  @Test
  void rawArticlesAndAlertsAreKeptAYearTheRestAtLeastAMonth() {
    Topics topics = Topics.defaults();

    for (Topic<?, ?> t : List.of(topics.raw(), topics.alerts(), topics.alertsJson())) {
      assertThat(retention(topics, t)).as(t.name()).isGreaterThanOrEqualTo(Duration.ofDays(365));
    }
    for (Topic<?, ?> t : List.of(topics.enriched(), topics.deadLetter())) {
      assertThat(retention(topics, t)).as(t.name()).isGreaterThanOrEqualTo(Duration.ofDays(30));
    }
  }

  private static Duration retention(Topics topics, Topic<?, ?> topic) {
    Map<String, String> configs = topics.configs(topic.name());
    assertThat(configs).as(topic.name()).containsEntry("cleanup.policy", "delete");
    return Duration.ofMillis(Long.parseLong(configs.get("retention.ms")));
  }

  private static Set<String> names(Topics topics) {
    return topics.all().stream().map(Topic::name).collect(Collectors.toCollection(TreeSet::new));
  }
}
