package io.newswatch.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * A stage's topology under {@link TopologyTestDriver} for the tests that feed it poison: its
 * input topic, typed and as bare bytes, its output topics, and the dead-letter topic with the
 * reason of each record rejected. The enrich and alerts stages' poison tests share it.
 *
 * <p>It runs at least once, where the stages run exactly_once_v2: under exactly-once
 * TopologyTestDriver loses the dead letter of a record that cannot be read, as it clears its
 * producer's open transaction after taking the record in. The dead letter on a real broker with
 * exactly-once is UpIT's.
 *
 * @param <K> the input topic's key type
 * @param <V> the input topic's value type
 */
public final class PoisonTestDriver<K, V> implements AutoCloseable {
  private final TopologyTestDriver driver;
  private final TestInputTopic<K, V> input;
  private final TestInputTopic<byte[], byte[]> inputBytes;
  private final TestOutputTopic<byte[], byte[]> deadLetters;

  /** Runs {@code topology} as {@code applicationId}, with its state in {@code stateDir}, fed on {@code input}. */
  public PoisonTestDriver(Topology topology, String applicationId, Topics topics, Path stateDir, Topic<K, V> input) {
    Properties props = StreamsDefaults.properties(applicationId, "unused:9092", topics);
    props.put("state.dir", stateDir.toString());
    props.put("processing.guarantee", "at_least_once");
    driver = new TopologyTestDriver(topology, props);
    this.input = driver.createInputTopic(input.name(), input.keySerde().serializer(), input.valueSerde().serializer());
    inputBytes = driver.createInputTopic(input.name(), new ByteArraySerializer(), new ByteArraySerializer());
    deadLetters = output(topics.deadLetter());
  }

  public TopologyTestDriver driver() {
    return driver;
  }

  /** The input topic, for records written as the stage's producers write them. */
  public TestInputTopic<K, V> input() {
    return input;
  }

  /** The same topic, for bytes that may be anything. */
  public TestInputTopic<byte[], byte[]> inputBytes() {
    return inputBytes;
  }

  public <L, W> TestOutputTopic<L, W> output(Topic<L, W> topic) {
    return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
  }

  public TestOutputTopic<byte[], byte[]> deadLetters() {
    return deadLetters;
  }

  /** Takes the next dead letter and returns its reason, as an operator reads it. */
  public String nextDeadLetterReason() {
    return DeadLetters.reason(deadLetters.readRecord().headers());
  }

  /** {@code record} in Avro's single-object encoding under {@code schema}, which this version may not know. */
  public static byte[] encode(Schema schema, GenericRecord record) {
    try {
      ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), schema).encode(record);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    driver.close();
  }
}
