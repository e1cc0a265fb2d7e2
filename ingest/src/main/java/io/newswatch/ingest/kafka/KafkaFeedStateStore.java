package io.newswatch.ingest.kafka;

import io.newswatch.avro.FeedState;
import io.newswatch.ingest.feed.FeedStateStore;
import io.newswatch.schemas.CompactedTopic;
import io.newswatch.schemas.Topic;
import io.newswatch.schemas.Topics;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Feed states on the compacted feeds topic: the latest record per feed URL is its state. */
public final class KafkaFeedStateStore implements FeedStateStore {
  private final Properties client;
  private final Topics topics;
  private final Topic<String, FeedState> topic;
  private final Producer<String, FeedState> producer;

  public KafkaFeedStateStore(Properties client, Topics topics) {
    this.client = client;
    this.topics = topics;
    this.topic = topics.feeds();
    Properties props = new Properties();
    props.putAll(client);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    this.producer = new KafkaProducer<>(props, topic.keySerde().serializer(), topic.valueSerde().serializer());
  }

  /** Every feed's state, read from the topic without a running poller (for --status). */
  public static Map<String, FeedState> read(Properties client, Topics topics) {
    return new CompactedTopic<>(client, topics.feeds()).readAll();
  }

  @Override
  public Map<String, FeedState> load() {
    return read(client, topics);
  }

  @Override
  public void save(FeedState state) {
    producer.send(new ProducerRecord<>(topic.name(), state.getUrl(), state));
  }

  @Override
  public void close() {
    producer.close();
  }
}
