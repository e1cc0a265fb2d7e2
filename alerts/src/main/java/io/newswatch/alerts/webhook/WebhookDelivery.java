package io.newswatch.alerts.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import io.newswatch.avro.Subscription;
import io.newswatch.schemas.TopicReader;
import io.newswatch.schemas.Topics;
import io.newswatch.web.RedactedUrl;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook stage. It reads news.subscriptions to its end before it delivers anything, then
 * keeps one {@link SubscriptionDelivery} per subscription, each in its own consumer group
 * ({@code <prefix>newswatch-webhooks-<id>}): a subscriber that never answers holds back only
 * its own alerts. A delivery that stops on an error is started again, after a pause that
 * grows while it keeps failing; {@link #isRunning()} is false only when this supervision
 * itself has stopped. A subscription gets the alerts published after it was made
 * ({@link DeliveryStart}); each of them reaches the subscriber or the dead-letter topic.
 */
public final class WebhookDelivery implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookDelivery.class);
  private static final Duration LONGEST_PAUSE = Duration.ofMinutes(1);

  private final Properties client;
  private final Topics topics;
  private final WebhookSender sender;
  private final MeterRegistry registry;
  private final KafkaConsumer<String, Subscription> subscriptionUpdates;
  private final KafkaProducer<byte[], byte[]> deadLetters;
  private final Admin admin;
  /** The subscriptions as last read; touched by the supervising thread only. */
  private final Map<String, Subscription> subscriptions = new HashMap<>();
  private final Map<String, SubscriptionDelivery> deliveries = new ConcurrentHashMap<>();
  private final Map<String, DeliveryProgress> progress = new ConcurrentHashMap<>();
  private final Map<String, Instant> restartAt = new HashMap<>();
  private final Thread thread;
  private volatile boolean stopping;
  private volatile boolean failed;

  private WebhookDelivery(Properties client, Topics topics, WebhookSender sender, MeterRegistry registry) {
    this.client = client;
    this.topics = topics;
    this.sender = sender;
    this.registry = registry;
    var subs = topics.subscriptions();
    this.subscriptionUpdates = new KafkaConsumer<>(copy(client), subs.keySerde().deserializer(),
        subs.valueSerde().deserializer());
    Properties producerProps = copy(client);
    producerProps.put("acks", "all");
    this.deadLetters = new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer());
    this.admin = Admin.create(copy(client));
    this.thread = new Thread(this::supervise, "webhook-supervisor");
  }

  /** Starts delivering; each subscription's counts and lag are meters of {@code registry}. */
  public static WebhookDelivery start(Properties client, Topics topics, WebhookSender sender, MeterRegistry registry) {
    WebhookDelivery delivery = new WebhookDelivery(client, topics, sender, registry);
    delivery.thread.start();
    return delivery;
  }

  /** The consumer group that delivers to subscription {@code id}. */
  public static String groupOf(Topics topics, String id) {
    return topics.prefix() + "newswatch-webhooks-" + id;
  }

  /** False once supervision has stopped: no delivery would be started again. */
  public boolean isRunning() {
    return thread.isAlive() && !stopping;
  }

  /** True once supervision has stopped on an error, not because it was closed. */
  public boolean failed() {
    return failed;
  }

  /** Each subscription's delivery, by subscription id; empty until the subscriptions were read to their end. */
  public Map<String, DeliveryStatus> statuses() {
    Map<String, DeliveryStatus> all = new TreeMap<>();
    deliveries.forEach((id, d) -> {
      DeliveryProgress p = progress.get(id);
      if (p != null) {
        all.put(id, p.status(id, RedactedUrl.of(d.subscription().getUrl())));
      }
    });
    return all;
  }

  private void supervise() {
    try {
      List<TopicPartition> partitions = TopicReader.partitionsOf(subscriptionUpdates, topics.subscriptions().name());
      subscriptionUpdates.assign(partitions);
      subscriptionUpdates.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = subscriptionUpdates.endOffsets(partitions);
      // Every subscription known before the first delivery starts: one started from a partial
      // list would commit past alerts that a subscription further down the topic wanted.
      while (!stopping && partitions.stream().anyMatch(p -> subscriptionUpdates.position(p) < end.get(p))) {
        readUpdates(Duration.ofMillis(200));
      }
      while (!stopping) {
        reconcile();
        readUpdates(Duration.ofSeconds(1));
      }
    } catch (WakeupException | InterruptException e) {
      // closing
    } catch (RuntimeException e) {
      failed = true;
      LOG.error("webhook delivery stopped: no subscription is delivered to until a restart", e);
    } finally {
      Thread.interrupted();
      for (SubscriptionDelivery d : deliveries.values()) {
        stopQuietly(d);
      }
      subscriptionUpdates.close();
      deadLetters.close();
      admin.close(Duration.ofSeconds(5));
    }
  }

  private void readUpdates(Duration timeout) {
    for (var update : subscriptionUpdates.poll(timeout)) {
      if (update.value() == null) {
        subscriptions.remove(update.key());
      } else {
        subscriptions.put(update.key(), update.value());
      }
    }
  }

  /** Makes the running deliveries match the subscriptions, and starts again those that failed when due. */
  private void reconcile() {
    for (String id : new ArrayList<>(deliveries.keySet())) {
      if (!subscriptions.containsKey(id)) {
        stopQuietly(deliveries.remove(id));
        restartAt.remove(id);
        progress.remove(id).unregister(registry);
        forgetGroup(id);
      }
    }
    subscriptions.forEach((id, subscription) -> {
      SubscriptionDelivery running = deliveries.get(id);
      DeliveryProgress counts = progress.computeIfAbsent(id, k -> new DeliveryProgress(k, registry));
      if (running == null) {
        launch(subscription, counts);
      } else if (!running.subscription().equals(subscription)) {
        stopQuietly(running);
        launch(subscription, counts);
      } else if (running.failed()) {
        Instant due = restartAt.computeIfAbsent(id, k -> Instant.now().plus(pause(counts.crashesInARow.get())));
        if (!Instant.now().isBefore(due)) {
          restartAt.remove(id);
          counts.restarts.incrementAndGet();
          counts.crashesInARow.incrementAndGet();
          launch(subscription, counts);
        }
      }
    });
  }

  private void launch(Subscription subscription, DeliveryProgress counts) {
    SubscriptionDelivery delivery = new SubscriptionDelivery(subscription, client,
        groupOf(topics, subscription.getId()), topics.alerts(), sender, deadLetters, topics.deadLetter().name(), counts);
    deliveries.put(subscription.getId(), delivery);
    delivery.start();
  }

  /** 1 s after the first failure, doubling while the delivery fails again before it delivers anything. */
  static Duration pause(long crashesInARow) {
    Duration pause = Duration.ofSeconds(1L << Math.min(crashesInARow, 6));
    return pause.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause;
  }

  /** A removed subscription's group would otherwise stay on the cluster with its offsets. */
  private void forgetGroup(String id) {
    try {
      admin.deleteConsumerGroups(List.of(groupOf(topics, id))).all().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.info("could not remove the consumer group of removed subscription {}: {}", id, e.toString());
    }
  }

  private static void stopQuietly(SubscriptionDelivery delivery) {
    try {
      delivery.stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws InterruptedException {
    stopping = true;
    subscriptionUpdates.wakeup();
    thread.join(30_000);
  }

  private static Properties copy(Properties client) {
    Properties props = new Properties();
    props.putAll(client);
    return props;
  }
}
