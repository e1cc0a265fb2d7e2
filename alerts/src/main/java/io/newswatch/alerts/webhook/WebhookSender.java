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

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
  private final WebhookTargets targets;
  private final Backoff backoff;
  private final Duration timeout;
  private final RandomGenerator random;
  private final Sleeper sleeper;

  /** Waits between attempts; tests replace it to run without waiting. */
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  /** {@code timeout}: how long one attempt waits for the subscriber's answer. */
  public WebhookSender(WebhookTargets targets, Backoff backoff, Duration timeout, RandomGenerator random,
      Sleeper sleeper) {
    this.targets = targets;
    this.backoff = backoff;
    this.timeout = timeout;
    this.random = random;
    this.sleeper = sleeper;
  }

  /** {@code attempts} tries of at most {@code timeout} each, with the default backoff between them. */
  public static WebhookSender of(WebhookTargets targets, int attempts, Duration timeout) {
    Backoff backoff = Backoff.defaults();
    return new WebhookSender(targets, new Backoff(backoff.base(), backoff.cap(), attempts), timeout,
        RandomGenerator.getDefault(), d -> Thread.sleep(d.toMillis()));
  }

  /**
   * The longest one {@link #deliver} can take: every attempt connecting and waiting its
   * whole timeout, every backoff at its ceiling. Delivery sizes its poll interval on it.
   */
  public Duration longestDelivery() {
    Duration longest = CONNECT_TIMEOUT.plus(timeout).multipliedBy(backoff.attempts());
    for (int retry = 1; retry < backoff.attempts(); retry++) {
      longest = longest.plus(backoff.ceiling(retry));
    }
    return longest;
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
          .timeout(timeout)
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
