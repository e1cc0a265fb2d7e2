package io.newswatch.alerts.webhook;

import io.newswatch.avro.Alert;
import io.newswatch.avro.Subscription;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs one alert to one subscriber, signed, retrying with backoff until a 2xx answer or
 * the attempts run out. Every request carries the alert id, so a subscriber that keeps the
 * ids it has seen can drop the repeats that retries and restarts may cause.
 */
public final class WebhookSender {
  public static final String ALERT_ID_HEADER = "X-Newswatch-Alert-Id";
  private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);

  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
  private final WebhookTargets targets;
  private final Backoff backoff;
  private final RandomGenerator random;
  private final Sleeper sleeper;

  /** Waits between attempts; tests replace it to run without waiting. */
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  public WebhookSender(WebhookTargets targets, Backoff backoff, RandomGenerator random, Sleeper sleeper) {
    this.targets = targets;
    this.backoff = backoff;
    this.random = random;
    this.sleeper = sleeper;
  }

  public static WebhookSender defaults(WebhookTargets targets) {
    return new WebhookSender(targets, Backoff.defaults(), RandomGenerator.getDefault(), d -> Thread.sleep(d.toMillis()));
  }

  /**
   * Empty when delivered, else why the last attempt failed. A target newswatch may not
   * POST to (it resolves to a private address now, say) fails at once, without retries.
   */
  public Optional<String> deliver(Subscription subscription, Alert alert) throws InterruptedException {
    Optional<String> refused = targets.refusal(subscription.getUrl());
    if (refused.isPresent()) {
      return Optional.of("target refused: " + refused.get());
    }
    byte[] body = Payloads.of(alert, subscription.getFormat()).getBytes(StandardCharsets.UTF_8);
    String failure = null;
    for (int attempt = 1; attempt <= backoff.attempts(); attempt++) {
      if (attempt > 1) {
        sleeper.sleep(backoff.beforeRetry(attempt - 1, random));
      }
      failure = post(subscription, alert, body);
      if (failure == null) {
        return Optional.empty();
      }
      LOG.debug("webhook {} attempt {} for {}: {}", subscription.getId(), attempt, alert.getAlertId(), failure);
    }
    return Optional.of(failure + " after " + backoff.attempts() + " attempts");
  }

  private String post(Subscription subscription, Alert alert, byte[] body) throws InterruptedException {
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(subscription.getUrl()))
          .timeout(Duration.ofSeconds(10))
          .header("Content-Type", "application/json")
          .header("User-Agent", "newswatch-webhooks")
          .header(ALERT_ID_HEADER, alert.getAlertId())
          .header(Signature.HEADER, Signature.of(subscription.getSecret(), body))
          .POST(HttpRequest.BodyPublishers.ofByteArray(body))
          .build();
      int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      return status / 100 == 2 ? null : "HTTP " + status;
    } catch (IOException | IllegalArgumentException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }
}
