package io.newswatch.alerts.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.sse.SseClient;
import io.newswatch.avro.Alert;
import io.newswatch.schemas.AvroJson;
import io.newswatch.schemas.Topic;
import io.newswatch.schemas.TopicReader;
import io.newswatch.schemas.Topics;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/alerts/stream}: new alerts as server-sent events ({@code event: alert},
 * the alert's JSON as data), read from the alerts topic. Each event's id is the topic
 * position after it ({@code partition:offset,...}); a client that reconnects with
 * {@code Last-Event-ID} (browsers do it by themselves) resumes after the last event it
 * got, so it misses nothing. Without one, the stream starts with the next alert. A stopping
 * server ends its streams first, and the browser reconnects to the next one.
 */
public final class AlertStream {
  public static final String PATH = "/api/alerts/stream";
  private static final Logger log = LoggerFactory.getLogger(AlertStream.class);
  /** How long a stopping server waits for its streams to end: each polls for at most 500 ms. */
  private static final Duration STOP_WAIT = Duration.ofSeconds(5);

  private final Properties clientProperties;
  private final Topic<String, Alert> topic;
  /** The streams being served, each completed once Jetty has completed its response. */
  private final Set<CompletableFuture<Void>> open = ConcurrentHashMap.newKeySet();
  private volatile boolean stopping;

  public AlertStream(Properties clientProperties, Topics topics) {
    this.clientProperties = clientProperties;
    this.topic = topics.alerts();
  }

  public Consumer<JavalinConfig> routes() {
    return config -> {
      config.routes.sse(PATH, this::serve);
      config.events.serverStopping(this::endStreams);
    };
  }

  /**
   * Ends the open streams and waits until Jetty has completed their responses: a stream that
   * outlives Jetty ends on a recycled response, and Javalin then loops on the error, logging
   * millions of lines a second until the process exits.
   */
  private void endStreams() throws InterruptedException, ExecutionException {
    stopping = true;
    try {
      CompletableFuture.allOf(open.toArray(CompletableFuture[]::new)).get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      log.warn("{} alert streams still open after {}; stopping anyway", open.size(), STOP_WAIT);
    }
  }

  private void serve(SseClient client) {
    CompletableFuture<Void> served = new CompletableFuture<>();
    open.add(served);
    // served once Jetty has completed the response, not when this handler returns: Javalin
    // completes it afterwards, on another thread
    client.ctx().req().getAsyncContext().addListener(new AsyncListener() {
      @Override
      public void onComplete(AsyncEvent event) {
        open.remove(served);
        served.complete(null);
      }

      @Override
      public void onError(AsyncEvent event) {
        onComplete(event);
      }

      @Override
      public void onTimeout(AsyncEvent event) {}

      @Override
      public void onStartAsync(AsyncEvent event) {}
    });
    stream(client);
  }

  private void stream(SseClient client) {
    Properties props = new Properties();
    props.putAll(clientProperties);
    props.put("isolation.level", "read_committed");
    props.put("enable.auto.commit", "false");
    try (var consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
      List<TopicPartition> partitions = TopicReader.partitionsOf(consumer, topic.name());
      consumer.assign(partitions);
      Map<Integer, Long> resume = positions(client.ctx().header("Last-Event-ID"));
      consumer.seekToEnd(partitions);
      partitions.forEach(p -> {
        if (resume.containsKey(p.partition())) {
          consumer.seek(p, resume.get(p.partition()));
        }
      });
      Map<Integer, Long> position = new TreeMap<>();
      partitions.forEach(p -> position.put(p.partition(), consumer.position(p)));
      client.sendComment("newswatch alerts");
      while (!client.terminated() && !stopping) {
        var records = consumer.poll(Duration.ofMillis(500));
        for (var record : records) {
          position.put(record.partition(), record.offset() + 1);
          if (record.value() != null) {
            client.sendEvent("alert", AvroJson.toJsonLine(record.value()), format(position));
          }
        }
        if (records.isEmpty()) {
          client.sendComment("keep-alive");
        }
      }
    }
  }

  /** {@code "0:12,1:7"}: the next offset to read in each partition. */
  static String format(Map<Integer, Long> positions) {
    return positions.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(","));
  }

  /** The positions a Last-Event-ID names; empty when there is none or it is not ours. */
  static Map<Integer, Long> positions(String lastEventId) {
    Map<Integer, Long> positions = new TreeMap<>();
    if (lastEventId == null || lastEventId.isBlank()) {
      return positions;
    }
    try {
      Arrays.stream(lastEventId.split(",")).map(part -> part.split(":"))
          .forEach(kv -> positions.put(Integer.parseInt(kv[0].trim()), Long.parseLong(kv[1].trim())));
      boolean valid = positions.entrySet().stream().allMatch(e -> e.getKey() >= 0 && e.getValue() >= 0);
      return valid ? positions : new TreeMap<>();
    } catch (RuntimeException e) {
      return new TreeMap<>();
    }
  }
}
