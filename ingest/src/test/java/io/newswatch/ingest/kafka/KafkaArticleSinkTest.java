package io.newswatch.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newswatch.avro.RawArticle;
import io.newswatch.ingest.NotStored;
import io.newswatch.ingest.dedup.DedupingSink;
import io.newswatch.ingest.dedup.SeenArticles;
import io.newswatch.schemas.Topics;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** What a broker outage longer than the delivery timeout does to ingest, on a producer that fails on demand. */
class KafkaArticleSinkTest {
  final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
  final KafkaArticleSink sink = new KafkaArticleSink(producer, Topics.defaults());

  static RawArticle article(String id) {
    return RawArticle.newBuilder().setId(id).setTitle("Shelling in Kostiantynivka").setBody("")
        .setPublishedAt(Instant.parse("2026-12-01T08:00:00Z")).setIngestedAt(Instant.parse("2026-12-01T08:00:01Z"))
        .build();
  }

  static TimeoutException expired() {
    return new TimeoutException("Expiring 1 record(s): 120000 ms has passed since batch creation");
  }

  @Test
  void aFailedFlushNamesTheArticlesNotStoredAndTheNextFlushSucceedsOnceTheBrokerIsBack() {
    sink.accept(article("a1"));
    sink.accept(article("a2"));
    sink.reject("feed", 0, "<rss>", "not a feed");
    producer.completeNext();
    producer.errorNext(expired());
    producer.errorNext(expired());

    assertThatThrownBy(sink::flush).isInstanceOfSatisfying(NotStored.class, e -> {
      assertThat(e.articleIds()).containsExactly("a2");
      assertThat(e.getMessage()).contains("2 of 3", "120000 ms has passed");
    });

    sink.accept(article("a2"));
    producer.completeNext();
    sink.flush(); // the failure was this flush's, not the sink's for ever
    assertThat(producer.history()).hasSize(4);
  }

  @Test
  void eachThreadLearnsOfItsOwnSendsOnly() throws Exception {
    sink.accept(article("mine"));
    producer.errorNext(expired());
    CompletableFuture<Void> other = CompletableFuture.runAsync(() -> {
      sink.accept(article("theirs"));
      producer.completeNext();
      sink.flush();
    });
    other.get();
    assertThatThrownBy(sink::flush).isInstanceOfSatisfying(NotStored.class,
        e -> assertThat(e.articleIds()).containsExactly("mine"));
  }

  @Test
  void sentAgainAfterAFailureOnlyWhatWasNotStoredGoesOut() {
    DedupingSink deduping = new DedupingSink(sink, new SeenArticles(100));
    deduping.accept(article("stored"));
    deduping.accept(article("lost"));
    producer.completeNext();
    producer.errorNext(expired());
    assertThatThrownBy(deduping::flush).isInstanceOf(NotStored.class);

    // the feed's next poll, or the pusher's retry, sends the same two
    assertThat(deduping.accept(article("stored"))).as("a copy of one stored").isFalse();
    assertThat(deduping.accept(article("lost"))).isTrue();
    producer.completeNext();
    deduping.flush();
    assertThat(producer.history()).hasSize(3);
  }
}
