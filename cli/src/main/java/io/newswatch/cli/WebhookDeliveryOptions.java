package io.newswatch.cli;

import io.newswatch.alerts.webhook.WebhookSender;
import java.time.Duration;
import java.util.Properties;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** How {@code webhooks} and {@code up} deliver: the target rules, and how long a subscriber is given. */
final class WebhookDeliveryOptions {
  @Mixin WebhookOptions targets;

  @Option(names = "--webhook-attempts", defaultValue = "6", paramLabel = "N",
      description = "Tries per alert and subscriber before the alert is dead-lettered (default: ${DEFAULT-VALUE}).")
  int attempts;

  @Option(names = "--webhook-timeout", defaultValue = "10s", converter = Durations.class, paramLabel = "DURATION",
      description = "How long one try waits for the subscriber's answer (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  WebhookSender sender(Properties client) {
    check();
    return WebhookSender.of(targets.targets(client), attempts, timeout);
  }

  /** Refuses values no delivery could use, before anything is started. */
  void check() {
    if (attempts < 1) {
      throw new UserError("--webhook-attempts must be at least 1");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new UserError("--webhook-timeout must be more than 0");
    }
  }
}
