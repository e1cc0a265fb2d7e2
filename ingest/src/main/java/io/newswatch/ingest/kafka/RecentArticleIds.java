package io.newswatch.ingest.kafka;

import io.newswatch.schemas.TopicReader;
import io.newswatch.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The ids (keys) of the articles on the raw topic written in the last while, at most the last
 * {@code max} of them. The raw topic is the record of what was sent, so a restarted ingest that
 * starts from it does not send again what it sent just before it stopped. The bound keeps the
 * start quick whatever the topic holds: what is older is caught by enrich, which passes each
 * article id on once (feeds also keep the ids they listed in their state).
 */
public final class RecentArticleIds {
  private RecentArticleIds() {}

  public static List<String> read(Properties client, Topics topics, Duration window, int max) {
    List<String> ids = new ArrayList<>();
    TopicReader.readToEnd(client, topics.raw().name(), Instant.now().minus(window), max, record -> {
      if (record.key() != null) {
        ids.add(new String(record.key(), StandardCharsets.UTF_8));
      }
    });
    return ids;
  }
}
