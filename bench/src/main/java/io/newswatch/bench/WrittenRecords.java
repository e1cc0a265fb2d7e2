package io.newswatch.bench;

import io.newswatch.alerts.topology.AlertsTopology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Tallies the records the producers it is added to send, by topic: how many, and the first
 * {@value #SAMPLES} of them as sent, value and headers. Kafka makes an interceptor from its class
 * name, so the tallies are the class's: the bench adds it to the stages it measures
 * ({@link #addTo}) and reads afterwards what they wrote.
 */
public final class WrittenRecords implements ProducerInterceptor<byte[], byte[]> {
  /**
   * Records kept per topic: more than a producer batch holds, so that records copied from them
   * in turn compress as the originals did, each batch holding no record twice.
   */
  static final int SAMPLES = 1000;

  private static final Map<String, Tally> BY_TOPIC = new ConcurrentHashMap<>();

  /** A record as a producer was handed it, before compression. */
  public record Sample(byte[] value, Header[] headers) {
    /** Its value's and headers' bytes. */
    public int bytes() {
      int bytes = value.length;
      for (Header header : headers) {
        bytes += header.key().length() + (header.value() == null ? 0 : header.value().length);
      }
      return bytes;
    }
  }

  private record Tally(LongAdder records, List<Sample> samples) {}

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

  /** The first records sent to {@code topic} with a value, at most {@value #SAMPLES}. */
  public static List<Sample> samples(String topic) {
    Tally tally = BY_TOPIC.get(topic);
    if (tally == null) {
      return List.of();
    }
    synchronized (tally.samples()) {
      return List.copyOf(tally.samples());
    }
  }

  @Override
  public ProducerRecord<byte[], byte[]> onSend(ProducerRecord<byte[], byte[]> record) {
    if (AlertsTopology.isProgressMarker(record.headers())) {
      return record; // not an article's copy: a few bytes per partition when progress changes
    }
    Tally tally = BY_TOPIC.computeIfAbsent(record.topic(), t -> new Tally(new LongAdder(), new ArrayList<>()));
    tally.records().increment();
    if (record.value() != null) {
      synchronized (tally.samples()) {
        if (tally.samples().size() < SAMPLES) {
          Header[] headers = record.headers().toArray();
          for (int i = 0; i < headers.length; i++) {
            headers[i] = new RecordHeader(headers[i].key(), headers[i].value());
          }
          tally.samples().add(new Sample(record.value().clone(), headers));
        }
      }
    }
    return record;
  }

  @Override
  public void onAcknowledgement(RecordMetadata metadata, Exception exception) {}

  @Override
  public void close() {}

  @Override
  public void configure(Map<String, ?> configs) {}
}
