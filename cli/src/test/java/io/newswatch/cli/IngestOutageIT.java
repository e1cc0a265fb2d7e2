package io.newswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.avro.RawArticle;
import io.newswatch.cli.broker.LocalBroker;
import io.newswatch.cli.pipeline.TopicSetup;
import io.newswatch.ingest.ArticleSink;
import io.newswatch.ingest.NotStored;
import io.newswatch.ingest.kafka.KafkaIngest;
import io.newswatch.ingest.kafka.RecentArticleIds;
import io.newswatch.schemas.TopicReader;
import io.newswatch.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ingest on a real broker that goes away, for longer than the producer's delivery timeout, and comes back. */
class IngestOutageIT {
  /** Longer than the producer's default delivery.timeout.ms (2 min), which ingest keeps. */
  static final Duration OUTAGE = Duration.ofMinutes(3);

  @TempDir static Path dir;

  static RawArticle article(String id) {
    return RawArticle.newBuilder().setId(id).setTitle("Shelling in Kostiantynivka").setBody("Story " + id)
        .setPublishedAt(Instant.now().minusSeconds(60)).setIngestedAt(Instant.now()).build();
  }

  @Test
  void ingestRecoversByItselfFromALongOutageLosingAndDoublingNothingAndItsStartReadsABoundedTail()
      throws Exception {
    int port = LocalBroker.freePortPair();
    LocalBroker broker = LocalBroker.start(dir.resolve("kafka"), port, port + 1);
    Topics topics = Topics.withPrefix("outage.");
    var client = broker.clientProperties();
    TopicSetup.ensure(client, topics, 2, (short) 1);
    try (KafkaIngest ingest = KafkaIngest.connect(client, topics)) {
      ArticleSink sink = ingest.sink();
      sink.accept(article("before-1"));
      sink.accept(article("before-2"));
      sink.flush();

      broker.close();
      // A feed or a pusher trying again and again, as they do, while the broker is away.
      AtomicInteger failedTries = new AtomicInteger();
      CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
        while (true) {
          sink.accept(article("during-1"));
          sink.accept(article("during-2"));
          try {
            sink.flush();
            return;
          } catch (NotStored e) {
            failedTries.incrementAndGet();
          }
        }
      });
      Thread.sleep(OUTAGE.toMillis());
      assertThat(failedTries.get()).as("tries that failed while the broker was away").isPositive();
      broker = LocalBroker.start(dir.resolve("kafka"), port, port + 1);

      sender.get(3, TimeUnit.MINUTES);
      assertThat(sink.accept(article("before-1"))).as("stored before the outage: a copy").isFalse();
      sink.accept(article("after-1"));
      sink.flush();

      assertThat(rawKeys(client, topics)).containsExactlyInAnyOrder("before-1", "before-2", "during-1", "during-2",
          "after-1");

      // The start's read of recent ids is bounded: the latest few of each partition, whatever the topic holds.
      IntStream.range(0, 200).forEach(i -> sink.accept(article("bulk-" + i)));
      sink.flush();
      List<String> recent = RecentArticleIds.read(client, topics, Duration.ofDays(7), 20);
      assertThat(recent).hasSizeBetween(10, 20).allSatisfy(id -> assertThat(id).startsWith("bulk-"));
    } finally {
      broker.close();
    }
  }

  static List<String> rawKeys(java.util.Properties client, Topics topics) {
    List<String> keys = new ArrayList<>();
    TopicReader.readToEnd(client, topics.raw().name(), Instant.EPOCH,
        r -> keys.add(new String(r.key(), StandardCharsets.UTF_8)));
    return keys;
  }
}
