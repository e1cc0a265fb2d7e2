package io.newswatch.alerts.webhook;

import io.newswatch.avro.Alert;
import io.newswatch.avro.Subscription;
import io.newswatch.schemas.DeadLetters;
import io.newswatch.schemas.Topic;
import io.newswatch.web.RedactedUrl;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers news.alerts to one subscription, on its own thread and in its own consumer group,
 * so that a subscriber that never answers delays no other. One alert per poll, its offset
 * committed once it was delivered or its dead letter acknowledged: a stop at any moment
 * re-sends at most that alert, never skips one. Only the topic's retention can take an alert
 * away before it was delivered; that loss is logged and counted, never silent. The poll
 * interval allows the longest delivery, so a slow subscriber does not cost the group its
 * partitions.
 */
final class SubscriptionDelivery {
  private static final Logger LOG = LoggerFactory.getLogger(SubscriptionDelivery.class);

  private final Subscription subscription;
  private final Topic<String, Alert> alerts;
  private final WebhookSender sender;
  private final Producer<byte[], byte[]> deadLetters;
  private final String deadLetterTopic;
  private final DeliveryProgress progress;
  private final Consumer<byte[], byte[]> consumer;
  private final Thread thread;
  private volatile boolean stopping;
  private volatile boolean failed;

  SubscriptionDelivery(Subscription subscription, Properties client, String groupId, Topic<String, Alert> alerts,
      WebhookSender sender, Producer<byte[], byte[]> deadLetters, String deadLetterTopic, DeliveryProgress progress) {
    this(subscription, new KafkaConsumer<>(consumerProps(client, groupId, sender), new ByteArrayDeserializer(),
        new ByteArrayDeserializer()), alerts, sender, deadLetters, deadLetterTopic, progress);
  }

  /** {@code consumer}: one configured as {@link #consumerProps} says, in the subscription's own group. */
  SubscriptionDelivery(Subscription subscription, Consumer<byte[], byte[]> consumer, Topic<String, Alert> alerts,
      WebhookSender sender, Producer<byte[], byte[]> deadLetters, String deadLetterTopic, DeliveryProgress progress) {
    this.subscription = subscription;
    this.alerts = alerts;
    this.sender = sender;
    this.deadLetters = deadLetters;
    this.deadLetterTopic = deadLetterTopic;
    this.progress = progress;
    this.consumer = consumer;
    this.thread = new Thread(this::run, "webhook-" + subscription.getId());
  }

  static Properties consumerProps(Properties client, String groupId, WebhookSender sender) {
    Properties props = new Properties();
    props.putAll(client);
    props.put("group.id", groupId);
    props.put("enable.auto.commit", "false");
    // Never reset silently: an offset out of range means alerts the topic's retention removed
    // before this delivery reached them, and that loss is reported (skipRemoved), not hidden.
    props.put("auto.offset.reset", "none");
    props.put("isolation.level", "read_committed");
    props.put("max.poll.records", "1");
    long interval = Math.max(Duration.ofMinutes(5).toMillis(),
        sender.longestDelivery().multipliedBy(2).plusMinutes(1).toMillis());
    props.put("max.poll.interval.ms", Long.toString(interval));
    return props;
  }

  Subscription subscription() {
    return subscription;
  }

  void start() {
    progress.state.set(DeliveryStatus.State.STARTING);
    thread.start();
  }

  /** True once the delivery stopped on an error; it is then started again, as a new one. */
  boolean failed() {
    return failed;
  }

  private void run() {
    try {
      consumer.subscribe(List.of(alerts.name()), new StartWhereTheSubscriptionBegins());
      while (!stopping) {
        ConsumerRecords<byte[], byte[]> records;
        try {
          records = consumer.poll(Duration.ofMillis(500));
        } catch (OffsetOutOfRangeException e) {
          skipRemoved(e.offsetOutOfRangePartitions());
          continue;
        }
        for (ConsumerRecord<byte[], byte[]> record : records) {
          LOG.debug("webhook {} handles {}-{}@{}", subscription.getId(), record.topic(), record.partition(),
              record.offset());
          handle(record);
          consumer.commitSync(Map.of(new TopicPartition(record.topic(), record.partition()),
              new OffsetAndMetadata(record.offset() + 1)));
          progress.crashesInARow.set(0);
        }
        progress.lag.set(consumer.assignment().stream().mapToLong(p -> consumer.currentLag(p).orElse(0)).sum());
        if (progress.state.get() == DeliveryStatus.State.STARTING && !consumer.assignment().isEmpty()) {
          progress.state.set(DeliveryStatus.State.DELIVERING);
        }
      }
    } catch (WakeupException | InterruptException | InterruptedException e) {
      if (!stopping) {
        fail(e);
      }
    } catch (RuntimeException e) {
      fail(e);
    } finally {
      Thread.interrupted(); // so that the consumer leaves its group instead of failing to close
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void handle(ConsumerRecord<byte[], byte[]> record) throws InterruptedException {
    Alert alert;
    try {
      alert = alerts.valueSerde().deserializer().deserialize(record.topic(), record.value());
    } catch (RuntimeException e) {
      deadLetter(record, "unreadable alert: " + e.getMessage());
      return;
    }
    if (alert == null || !Subscriptions.wants(subscription, alert)) {
      LOG.debug("webhook {} does not want {}", subscription.getId(), alert == null ? "an empty alert" : alert.getAlertId());
      return;
    }
    Optional<String> failure = sender.deliver(subscription, alert);
    if (failure.isPresent()) {
      LOG.warn("webhook {} ({}) did not take alert {}: {}", subscription.getId(),
          RedactedUrl.of(subscription.getUrl()), alert.getAlertId(), failure.get());
      deadLetter(record, "webhook delivery failed: " + failure.get());
      progress.lastFailure.set(failure.get());
      progress.state.set(DeliveryStatus.State.FAILING);
    } else {
      LOG.debug("webhook {} took alert {}", subscription.getId(), alert.getAlertId());
      progress.delivered.incrementAndGet();
      progress.state.set(DeliveryStatus.State.DELIVERING);
    }
  }

  /**
   * Where the next alert of a partition is no longer on it: the topic's retention removed the
   * alerts from there on before this delivery reached them (alerts carry their article's time,
   * so an old article's alert can be removed soon after it was published). They cannot be
   * delivered or dead-lettered any more; each such loss is logged and counted, and delivery
   * goes on from the oldest alert left. Its offset is committed at once, so that a restart does
   * not report the same loss again. An offset beyond the partition's end (the topic was deleted
   * and created again) goes back to the partition's start, as every alert there is new to it.
   */
  private void skipRemoved(Map<TopicPartition, Long> outOfRange) {
    Map<TopicPartition, Long> starts = consumer.beginningOffsets(outOfRange.keySet());
    Map<TopicPartition, Long> ends = consumer.endOffsets(outOfRange.keySet());
    Map<TopicPartition, OffsetAndMetadata> restart = new HashMap<>();
    outOfRange.forEach((p, offset) -> {
      long start = starts.get(p);
      if (offset < start) {
        String lost = "missed the alerts at offsets " + offset + " to " + (start - 1) + " of " + p
            + ": the topic's retention removed them before they were delivered";
        LOG.warn("webhook {} ({}) {}", subscription.getId(), RedactedUrl.of(subscription.getUrl()), lost);
        progress.missed.addAndGet(start - offset);
        progress.lastFailure.set(lost);
      } else {
        LOG.warn("webhook {} was at offset {} of {}, which ends at {}: the topic was created again; delivers "
            + "from its start, {}", subscription.getId(), offset, p, ends.get(p), start);
      }
      consumer.seek(p, start);
      restart.put(p, new OffsetAndMetadata(start));
    });
    consumer.commitSync(restart);
  }

  /** Returns once the broker has the dead letter; throws, and so commits nothing, when it cannot. */
  private void deadLetter(ConsumerRecord<byte[], byte[]> record, String reason) throws InterruptedException {
    var letter = new ProducerRecord<>(deadLetterTopic, record.key(), record.value());
    DeadLetters.put(letter.headers(), DeadLetters.REASON, reason);
    DeadLetters.put(letter.headers(), DeadLetters.STAGE, "webhooks");
    DeadLetters.put(letter.headers(), DeadLetters.ORIGIN,
        subscription.getId() + " " + RedactedUrl.of(subscription.getUrl()));
    try {
      deadLetters.send(letter).get(1, TimeUnit.MINUTES);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not write the dead letter of " + record.topic() + "-"
          + record.partition() + "@" + record.offset() + ": " + e.getMessage(), e);
    }
    progress.deadLettered.incrementAndGet(); // an unreadable alert as well as one not taken
  }

  private void fail(Exception e) {
    String why = e.getClass().getSimpleName() + ": " + e.getMessage();
    LOG.warn("webhook delivery to {} stopped, to be started again: {}", subscription.getId(), why);
    progress.lastFailure.set(why);
    progress.state.set(DeliveryStatus.State.RESTARTING);
    failed = true;
  }

  /** Stops delivering: an alert being delivered is left uncommitted, delivered again next time. */
  void stop() throws InterruptedException {
    stopping = true;
    // interrupted before the wake-up, so that a retry's backoff or a request in flight ends too
    thread.interrupt();
    consumer.wakeup();
    thread.join(10_000);
  }

  private final class StartWhereTheSubscriptionBegins implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions));
      List<TopicPartition> fresh = partitions.stream().filter(p -> committed.get(p) == null).toList();
      DeliveryStart.seek(consumer, subscription, fresh);
      // Where each partition starts, and why: the evidence when a subscriber misses an alert.
      Map<Integer, String> starts = new java.util.TreeMap<>();
      partitions.forEach(p -> starts.put(p.partition(), consumer.position(p)
          + (fresh.contains(p) ? " (where the subscription begins)" : " (committed)")));
      LOG.info("webhook {} delivers from {} partition:offset {}; the subscription began at {}", subscription.getId(),
          alerts.name(), starts, subscription.getAlertOffsets().isEmpty()
              ? "its creation time " + subscription.getCreatedAt() : "offsets " + subscription.getAlertOffsets());
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      // every offset is committed as soon as its alert is done: nothing to save
    }
  }
}
