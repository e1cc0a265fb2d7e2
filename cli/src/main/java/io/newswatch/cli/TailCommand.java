package io.newswatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newswatch.avro.Subscription;
import io.newswatch.schemas.AvroJson;
import io.newswatch.schemas.Json;
import io.newswatch.schemas.AvroSerde;
import io.newswatch.schemas.Topic;
import io.newswatch.schemas.TopicReader;
import io.newswatch.schemas.Topics;
import io.newswatch.web.RedactedUrl;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "tail", mixinStandardHelpOptions = true,
    description = {"Prints the records of one of newswatch's topics as they arrive, and keeps following "
        + "until Ctrl-C, --max records or --timeout seconds without one.",
        "TOPIC is a full name (news.alerts.json, say) or one of: raw, enriched, watchlist, alerts, deadletter, feeds, subscriptions "
            + "(shown without their signing secrets and URL credentials). "
            + "Reads committed records only, so aborted transactions never show."})
final class TailCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ClusterOptions cluster;

  @Parameters(index = "0", paramLabel = "TOPIC") String topicName;
  @Mixin Options options;

  /** How much to print and in which form; {@code newswatch alerts tail} takes the same. */
  static final class Options {
    @Option(names = "--from-beginning", description = "Start at the oldest record instead of new ones.")
    boolean fromBeginning;

    @Option(names = "--max", paramLabel = "N", description = "Stop after N records.")
    Long max;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Stop after SECONDS without a new record.")
    Long timeoutSeconds;

    @Option(names = "--json", description = "One JSON object per record: topic, partition, offset, timestamp, key, value (and headers).")
    boolean json;
  }

  @Override
  public Integer call() {
    return tail(cluster, topicName, options, spec.commandLine().getOut());
  }

  static int tail(ClusterOptions cluster, String topicName, Options options, PrintWriter out) {
    Topics topics = cluster.topics();
    Topic<?, ?> topic = resolve(topics, topicName);
    Properties props = cluster.clientProperties();
    props.put("isolation.level", "read_committed");
    props.put("enable.auto.commit", "false");
    long seen = 0;
    try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions;
      try {
        partitions = TopicReader.partitionsOf(consumer, topic.name());
      } catch (UnknownTopicOrPartitionException e) {
        throw new UserError(e.getMessage());
      }
      consumer.assign(partitions);
      if (options.fromBeginning) {
        consumer.seekToBeginning(partitions);
      } else {
        consumer.seekToEnd(partitions);
      }
      Instant lastRecord = Instant.now();
      while (options.max == null || seen < options.max) {
        var records = consumer.poll(Duration.ofMillis(200));
        for (ConsumerRecord<byte[], byte[]> record : records) {
          out.println(options.json ? envelope(topics, topic, record) : line(topics, topic, record));
          out.flush();
          lastRecord = Instant.now();
          if (options.max != null && ++seen >= options.max) {
            break;
          }
        }
        if (options.timeoutSeconds != null
            && Duration.between(lastRecord, Instant.now()).toSeconds() >= options.timeoutSeconds) {
          break;
        }
      }
    }
    return 0;
  }

  static Topic<?, ?> resolve(Topics topics, String name) {
    return topics.all().stream()
        .filter(t -> t.name().equals(name) || shortName(topics, t).equals(name))
        .findFirst()
        .orElseThrow(() -> new UserError("unknown topic " + name + "; one of: "
            + String.join(", ", topics.all().stream().map(Topic::name).toList())));
  }

  private static String shortName(Topics topics, Topic<?, ?> topic) {
    String name = topic.name().substring(topics.prefix().length());
    return name.substring(name.lastIndexOf('.') + 1);
  }

  private static String envelope(Topics topics, Topic<?, ?> topic, ConsumerRecord<byte[], byte[]> record) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("topic", record.topic());
    node.put("partition", record.partition());
    node.put("offset", record.offset());
    node.put("timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
    node.put("key", record.key() == null ? null : text(record.key()));
    node.set("value", value(topics, topic, record.value()));
    if (record.headers().toArray().length > 0) {
      ObjectNode headers = node.putObject("headers");
      for (Header h : record.headers()) {
        headers.put(h.key(), h.value() == null ? null : text(h.value()));
      }
    }
    return node.toString();
  }

  private static String line(Topics topics, Topic<?, ?> topic, ConsumerRecord<byte[], byte[]> record) {
    if (topic.name().equals(topics.deadLetter().name())) {
      String reason = io.newswatch.schemas.DeadLetters.reason(record.headers());
      return "dead letter: " + (reason == null ? "(no reason given)" : reason) + " | "
          + (record.value() == null ? "" : text(record.value()));
    }
    JsonNode value = value(topics, topic, record.value());
    boolean alerts = topic.name().equals(topics.alerts().name()) || topic.name().equals(topics.alertsJson().name());
    if (alerts && value.hasNonNull("summary")) {
      return value.get("level").asText() + " " + value.get("summary").asText();
    }
    return value.toString();
  }

  private static JsonNode value(Topics topics, Topic<?, ?> topic, byte[] bytes) {
    if (bytes == null) {
      return JsonNodeFactory.instance.nullNode();
    }
    if (topic.name().equals(topics.alertsJson().name())) {
      try {
        return Json.MAPPER.readTree(bytes);
      } catch (IOException e) {
        return JsonNodeFactory.instance.textNode("(unreadable: " + e.getMessage() + ")");
      }
    }
    if (topic.valueSerde() instanceof AvroSerde<?> serde) {
      try {
        Object record = serde.fromBytes(bytes);
        JsonNode json = AvroJson.toJson((IndexedRecord) record);
        if (record instanceof Subscription && json instanceof ObjectNode subscription) {
          // a signing secret is shown once, when it is made; a URL without its credentials
          subscription.put("secret", "***");
          subscription.put("url", RedactedUrl.of(subscription.path("url").asText()));
        }
        return json;
      } catch (RuntimeException e) {
        return JsonNodeFactory.instance.textNode("(unreadable: " + e.getMessage() + ")");
      }
    }
    return JsonNodeFactory.instance.textNode(text(bytes));
  }

  /** UTF-8 text, or Base64 when the bytes are not text. */
  private static String text(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return "base64:" + java.util.Base64.getEncoder().encodeToString(bytes);
    }
  }
}
