package io.newswatch.alerts.webhook;

import io.newswatch.avro.Alert;
import io.newswatch.avro.Subscription;

/** Which alerts a subscription asked for. */
public final class Subscriptions {
  private Subscriptions() {}

  public static boolean wants(Subscription subscription, Alert alert) {
    return alert.getLevel().compareTo(subscription.getMinLevel()) >= 0
        && (subscription.getPlaceIds().isEmpty() || subscription.getPlaceIds().contains(alert.getPlaceId()));
  }
}
