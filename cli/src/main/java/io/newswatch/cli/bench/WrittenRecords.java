package io.newswatch.cli.bench;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Tallies the records the producers it is added to send, by topic: how many, and the bytes of
 * their values and headers as handed to the producer, before compression. Kafka makes an
 * interceptor from its class name, so the tallies are the class's: the bench adds it to the
 * stages it measures ({@link #addTo}) and reads afterwards what record sizes they wrote.
 */
public final class WrittenRecords implements ProducerInterceptor<byte[], byte[]> {
  private static final Map<String, Tally> BY_TOPIC = new ConcurrentHashMap<>();

  private record Tally(LongAdder records, LongAdder bytes) {}

  /** {@code streamsProperties} and this interceptor on the Streams app's producers. */
  public static Properties addTo(Properties streamsProperties) {
    Properties props = new Properties();
    props.putAll(streamsProperties);
    props.put(StreamsConfig.producerPrefix("interceptor.classes"), WrittenRecords.class.getName());
    return props;
  }

  /** Records sent to {@code topic} so far. */
  public static long records(String topic) {
    Tally tally = BY_TOPIC.get(topic);
    return tally == null ? 0 : tally.records().sum();
  }

  /** The mean bytes of a record sent to {@code topic}, value and headers; 0 when none was. */
  public static int meanBytes(String topic) {
    Tally tally = BY_TOPIC.get(topic);
    return tally == null || tally.records().sum() == 0 ? 0
        : (int) Math.round((double) tally.bytes().sum() / tally.records().sum());
  }

  @Override
  public ProducerRecord<byte[], byte[]> onSend(ProducerRecord<byte[], byte[]> record) {
    long bytes = record.value() == null ? 0 : record.value().length;
    for (Header header : record.headers()) {
      bytes += header.key().length() + (header.value() == null ? 0 : header.value().length);
    }
    Tally tally = BY_TOPIC.computeIfAbsent(record.topic(), t -> new Tally(new LongAdder(), new LongAdder()));
    tally.records().increment();
    tally.bytes().add(bytes);
    return record;
  }

  @Override
  public void onAcknowledgement(RecordMetadata metadata, Exception exception) {}

  @Override
  public void close() {}

  @Override
  public void configure(Map<String, ?> configs) {}
}
