package io.newswatch.alerts.webhook;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One subscription's counts, kept across restarts of its delivery and shown on /metrics
 * (tagged with the subscription id) until the subscription is removed.
 */
final class DeliveryProgress {
  final AtomicLong delivered = new AtomicLong();
  final AtomicLong deadLettered = new AtomicLong();
  final AtomicLong restarts = new AtomicLong();
  /** Offsets of news.alerts the topic's retention removed before the delivery reached them: alerts lost to it. */
  final AtomicLong missed = new AtomicLong();
  final AtomicLong lag = new AtomicLong(-1);
  final AtomicReference<DeliveryStatus.State> state = new AtomicReference<>(DeliveryStatus.State.STARTING);
  final AtomicReference<String> lastFailure = new AtomicReference<>();
  /** Restarts since the delivery last committed an alert: the delay before the next one grows with it. */
  final AtomicLong crashesInARow = new AtomicLong();
  private final List<Meter> meters;

  DeliveryProgress(String subscription, MeterRegistry registry) {
    meters = List.of(
        FunctionCounter.builder("newswatch.webhook.delivered", delivered, AtomicLong::get)
            .description("alerts a subscriber took (2xx)").tag("subscription", subscription).register(registry),
        FunctionCounter.builder("newswatch.webhook.dead.lettered", deadLettered, AtomicLong::get)
            .description("alerts a subscriber did not take after the retries").tag("subscription", subscription)
            .register(registry),
        FunctionCounter.builder("newswatch.webhook.missed", missed, AtomicLong::get)
            .description("alerts removed by the retention of the alerts topic before they were delivered or "
                + "dead-lettered (offsets, counted when the delivery finds them gone)")
            .tag("subscription", subscription).register(registry),
        FunctionCounter.builder("newswatch.webhook.restarts", restarts, AtomicLong::get)
            .description("times the subscription's delivery stopped on an error and was started again")
            .tag("subscription", subscription).register(registry),
        Gauge.builder("newswatch.webhook.lag", lag, AtomicLong::get)
            .description("alerts the subscription's delivery has not been through yet (-1: not known)")
            .tag("subscription", subscription).register(registry));
  }

  DeliveryStatus status(String subscription, String target) {
    return new DeliveryStatus(subscription, target, state.get(), lag.get(), delivered.get(), deadLettered.get(),
        restarts.get(), lastFailure.get());
  }

  void unregister(MeterRegistry registry) {
    meters.forEach(registry::remove);
  }
}
