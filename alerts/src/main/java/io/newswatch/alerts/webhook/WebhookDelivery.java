package io.newswatch.alerts.webhook;

import io.newswatch.avro.Alert;
import io.newswatch.avro.Subscription;
import io.newswatch.schemas.DeadLetters;
import io.newswatch.schemas.Topic;
import io.newswatch.schemas.TopicReader;
import io.newswatch.schemas.Topics;
import io.newswatch.web.RedactedUrl;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook stage: reads news.alerts in order, one thread, and POSTs each alert to every
 * subscription that wants it; what still fails after the retries goes to the dead-letter
 * topic. Offsets are committed after delivery, so a restart re-sends at most the alerts in
 * flight, never skips one: with the alert id in every request, a subscriber that drops ids
 * it has seen gets each alert exactly once. A subscription gets the alerts published after
 * it was created, not the history.
 */
public final class WebhookDelivery implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookDelivery.class);

  private final KafkaConsumer<byte[], byte[]> alerts;
  private final KafkaConsumer<String, Subscription> subscriptionUpdates;
  private final KafkaProducer<byte[], byte[]> deadLetters;
  private final Topics topics;
  private final WebhookSender sender;
  private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
  private final Thread thread;

  private WebhookDelivery(Properties client, Topics topics, String groupId, WebhookSender sender) {
    this.topics = topics;
    this.sender = sender;
    Properties alertProps = copy(client);
    alertProps.put("group.id", groupId);
    alertProps.put("enable.auto.commit", "false");
    alertProps.put("auto.offset.reset", "earliest");
    alertProps.put("isolation.level", "read_committed");
    this.alerts = new KafkaConsumer<>(alertProps, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    Topic<String, Subscription> subs = topics.subscriptions();
    this.subscriptionUpdates = new KafkaConsumer<>(copy(client), subs.keySerde().deserializer(),
        subs.valueSerde().deserializer());
    Properties producerProps = copy(client);
    producerProps.put("acks", "all");
    this.deadLetters = new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer());
    this.thread = new Thread(this::run, "webhook-delivery");
  }

  /** Starts delivering in group {@code <prefix>newswatch-webhooks}. */
  public static WebhookDelivery start(Properties client, Topics topics, WebhookSender sender) {
    WebhookDelivery delivery = new WebhookDelivery(client, topics, topics.prefix() + "newswatch-webhooks", sender);
    List<TopicPartition> partitions = TopicReader.partitionsOf(delivery.subscriptionUpdates, topics.subscriptions().name());
    delivery.subscriptionUpdates.assign(partitions);
    delivery.subscriptionUpdates.seekToBeginning(partitions);
    delivery.alerts.subscribe(List.of(topics.alerts().name()));
    delivery.thread.start();
    return delivery;
  }

  private void run() {
    Topic<String, Alert> alertTopic = topics.alerts();
    try {
      while (!Thread.currentThread().isInterrupted()) {
        for (var update : subscriptionUpdates.poll(Duration.ofMillis(50))) {
          if (update.value() == null) {
            subscriptions.remove(update.key());
          } else {
            subscriptions.put(update.key(), update.value());
          }
        }
        var records = alerts.poll(Duration.ofMillis(500));
        for (ConsumerRecord<byte[], byte[]> record : records) {
          Alert alert = alertTopic.valueSerde().deserializer().deserialize(record.topic(), record.value());
          for (Subscription subscription : subscriptions.values()) {
            if (record.timestamp() >= subscription.getCreatedAt().toEpochMilli()
                && Subscriptions.wants(subscription, alert)) {
              sender.deliver(subscription, alert).ifPresent(reason -> deadLetter(record, subscription, reason));
            }
          }
        }
        if (!records.isEmpty()) {
          alerts.commitSync();
        }
      }
    } catch (WakeupException | InterruptedException e) {
      // closing
    } catch (RuntimeException e) {
      LOG.error("webhook delivery stopped", e);
    } finally {
      // close() interrupts this thread to cut a retry's backoff short; cleared, so that the
      // consumers leave their group instead of failing to close with an error on every stop
      Thread.interrupted();
      alerts.close();
      subscriptionUpdates.close();
      deadLetters.close();
    }
  }

  private void deadLetter(ConsumerRecord<byte[], byte[]> record, Subscription subscription, String reason) {
    String target = RedactedUrl.of(subscription.getUrl());
    LOG.warn("webhook {} ({}) did not take alert: {}", subscription.getId(), target, reason);
    var letter = new ProducerRecord<>(topics.deadLetter().name(), record.key(), record.value());
    DeadLetters.put(letter.headers(), DeadLetters.REASON, "webhook delivery failed: " + reason);
    DeadLetters.put(letter.headers(), DeadLetters.STAGE, "webhooks");
    DeadLetters.put(letter.headers(), DeadLetters.ORIGIN, subscription.getId() + " " + target);
    deadLetters.send(letter);
  }

  @Override
  public void close() throws InterruptedException {
    // interrupted before the wake-ups, so that run() has the interrupt to clear before it closes
    thread.interrupt();
    alerts.wakeup();
    subscriptionUpdates.wakeup();
    thread.join(10_000);
  }

  private static Properties copy(Properties client) {
    Properties props = new Properties();
    props.putAll(client);
    return props;
  }
}
