package io.newswatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicsTest {
  @Test
  void defaultNamesAreThoseOfTheDesign() {
    assertThat(Topics.defaults().all()).extracting(Topic::name)
        .containsExactly("news.articles.raw", "news.articles.enriched", "news.watchlist",
            "news.alerts", "news.alerts.json", "news.deadletter", "news.ingest.feeds", "news.subscriptions");
  }

  @Test
  void onePrefixRenamesEveryTopic() {
    Topics topics = Topics.withPrefix("desk1.");

    assertThat(topics.all()).extracting(Topic::name).allMatch(n -> n.startsWith("desk1.news."));
    assertThat(topics.isCompacted("desk1.news.watchlist")).isTrue();
    assertThat(topics.isCompacted("desk1.news.ingest.feeds")).isTrue();
    assertThat(topics.isCompacted("desk1.news.subscriptions")).isTrue();
    assertThat(topics.isCompacted("desk1.news.alerts")).isFalse();
  }

  @Test
  void rawArticlesAndAlertsAreKeptAYearTheWatchlistCompacted() {
    Topics topics = Topics.defaults();

    assertThat(topics.configs("news.articles.raw")).containsEntry("retention.ms", "31536000000");
    assertThat(topics.configs("news.alerts")).containsEntry("retention.ms", "31536000000");
    assertThat(topics.configs("news.alerts.json")).containsEntry("retention.ms", "31536000000");
    assertThat(topics.configs("news.deadletter")).containsEntry("retention.ms", "2592000000");
    assertThat(topics.configs("news.watchlist")).containsEntry("cleanup.policy", "compact");
  }
}
