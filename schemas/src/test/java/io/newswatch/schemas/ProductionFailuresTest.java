package io.newswatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownServerException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.Response;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.Result;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.SerializationExceptionOrigin;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

class ProductionFailuresTest {
  private static final Topics TOPICS = Topics.defaults();
  private static final ErrorHandlerContext READING_RAW =
      new Context(TOPICS.raw().name(), bytes("id-7"), bytes("the article as it came"));

  private final ProductionFailures handler = configured();

  @Test
  void aRecordThatCannotBeSerializedIsDeadLetteredAsTheInputThatMadeItAndProcessingGoesOn() {
    Response response = handler.handleSerializationError(READING_RAW,
        new ProducerRecord<>(TOPICS.enriched().name(), "id-7", "article"),
        new SerializationException("field title is null"), SerializationExceptionOrigin.VALUE);

    assertThat(response.result()).isEqualTo(Result.RESUME);
    assertThat(response.deadLetterQueueRecords()).singleElement().satisfies(letter -> {
      assertThat(letter.topic()).isEqualTo(TOPICS.deadLetter().name());
      assertThat(letter.key()).isEqualTo(bytes("id-7"));
      assertThat(letter.value()).isEqualTo(bytes("the article as it came"));
      assertThat(DeadLetters.reason(letter.headers()))
          .isEqualTo("could not write to news.articles.enriched: field title is null");
      assertThat(header(letter.headers(), DeadLetters.ORIGIN)).isEqualTo(TOPICS.raw().name());
    });
  }

  @Test
  void aRecordTooLargeToSendIsDeadLetteredAndProcessingGoesOn() {
    Response response = handler.handleError(READING_RAW,
        new ProducerRecord<>(TOPICS.enriched().name(), bytes("id-7"), new byte[2_000_000]),
        new RecordTooLargeException("The message is 2000077 bytes when serialized"));

    assertThat(response.result()).isEqualTo(Result.RESUME);
    assertThat(response.deadLetterQueueRecords()).singleElement()
        .satisfies(letter -> assertThat(letter.value()).isEqualTo(bytes("the article as it came")));
  }

  @Test
  void aRetriableErrorIsRetriedAndAnyOtherFailsTheThread() {
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(TOPICS.enriched().name(), bytes("k"), bytes("v"));

    assertThat(handler.handleError(READING_RAW, record, new TimeoutException("no leader")).result())
        .isEqualTo(Result.RETRY);
    Response other = handler.handleError(READING_RAW, record, new UnknownServerException("broken"));
    assertThat(other.result()).isEqualTo(Result.FAIL);
    assertThat(other.deadLetterQueueRecords()).isEmpty();
  }

  /**
   * In a topology run with the shared defaults: the record that cannot be written is a dead
   * letter with its reason, and the records after it are written.
   */
  @Test
  void aStreamsAppWithTheDefaultsGoesOnPastARecordItCannotWrite() {
    StreamsBuilder builder = new StreamsBuilder();
    Serializer<String> refusesPoison = (topic, value) -> {
      if (value.equals("poison")) {
        throw new SerializationException("poison cannot be written");
      }
      return new StringSerializer().serialize(topic, value);
    };
    builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
        .to("out", Produced.with(Serdes.String(), Serdes.serdeFrom(refusesPoison, new StringDeserializer())));
    Properties props = StreamsDefaults.properties("production-failures-test", "unused:9092", TOPICS);
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
      TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
      TestOutputTopic<String, String> out = driver.createOutputTopic("out", new StringDeserializer(), new StringDeserializer());
      TestOutputTopic<byte[], byte[]> deadLetters = driver.createOutputTopic(TOPICS.deadLetter().name(),
          new ByteArrayDeserializer(), new ByteArrayDeserializer());

      in.pipeInput("1", "before");
      in.pipeInput("2", "poison");
      in.pipeInput("3", "after");

      assertThat(out.readValuesToList()).containsExactly("before", "after");
      TestRecord<byte[], byte[]> letter = deadLetters.readRecord();
      assertThat(letter.value()).isEqualTo(bytes("poison"));
      assertThat(DeadLetters.reason(letter.headers())).isEqualTo("could not write to out: poison cannot be written");
      assertThat(deadLetters.isEmpty()).isTrue();
    }
  }

  private static ProductionFailures configured() {
    ProductionFailures handler = new ProductionFailures();
    handler.configure(Map.of("errors.dead.letter.queue.topic.name", TOPICS.deadLetter().name()));
    return handler;
  }

  private static String header(Headers headers, String key) {
    return new String(headers.lastHeader(key).value(), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The context of a record being processed from {@code topic}. */
  private record Context(String topic, byte[] sourceRawKey, byte[] sourceRawValue) implements ErrorHandlerContext {
    @Override
    public int partition() {
      return 0;
    }

    @Override
    public long offset() {
      return 42;
    }

    @Override
    public Headers headers() {
      return new RecordHeaders();
    }

    @Override
    public String processorNodeId() {
      return "sink";
    }

    @Override
    public TaskId taskId() {
      return new TaskId(0, 0);
    }

    @Override
    public long timestamp() {
      return 0;
    }
  }
}
