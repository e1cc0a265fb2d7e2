package io.newswatch.cli;

import io.newswatch.alerts.webhook.DeliveryStart;
import io.newswatch.avro.Level;
import io.newswatch.avro.PayloadFormat;
import io.newswatch.avro.Subscription;
import io.newswatch.schemas.CompactedTopic;
import io.newswatch.enrich.Enricher;
import io.newswatch.web.RedactedUrl;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "subscribe", mixinStandardHelpOptions = true,
    description = {"Adds, lists or removes webhook subscriptions (the compacted news.subscriptions topic).",
        "Each alert is POSTed as JSON to the URL with headers X-Newswatch-Alert-Id and "
            + "X-Newswatch-Signature: sha256=<hex HMAC-SHA256 of the body with the subscription's secret>. "
            + "Failed deliveries are retried with backoff, then dead-lettered. A subscription gets the alerts "
            + "published after it was created (from the end news.alerts had then, whatever time an alert carries).",
        "Targets that resolve to loopback, private or link-local addresses, or to a Kafka broker, are refused "
            + "unless --allow-private-webhooks (delivery checks again before each POST). URLs are shown without "
            + "their credentials; the secret is shown once, when it is generated."})
final class SubscribeCommand implements Callable<Integer> {
  static final int MIN_SECRET_BYTES = 16;

  @Spec CommandSpec spec;
  @Mixin ClusterOptions cluster;
  @Mixin WebhookOptions webhookOptions;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Action action;

  static final class Action {
    @Option(names = "--url", paramLabel = "URL", description = "Subscribe this http(s) URL.") String url;
    @Option(names = "--list", description = "List the subscriptions.") boolean list;
    @Option(names = "--remove", paramLabel = "ID", description = "Remove a subscription.") String remove;
  }

  @Option(names = "--watch", split = ",", paramLabel = "PLACE",
      description = "Only alerts of these places (names or GeoNames ids); default: all.")
  List<String> places = new ArrayList<>();

  @Option(names = "--min-level", defaultValue = "ELEVATED", paramLabel = "LEVEL",
      description = "Lowest level delivered: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Level minLevel;

  @Option(names = "--secret", paramLabel = "SECRET", defaultValue = "${env:NEWSWATCH_WEBHOOK_SECRET}",
      description = "Signing secret, at least " + MIN_SECRET_BYTES + " bytes (env NEWSWATCH_WEBHOOK_SECRET; "
          + "default: 32 random bytes, printed this once and never again).")
  String secret;

  @Option(names = "--slack", description = "Send a Slack-compatible {\"text\": ...} message instead of the alert JSON.")
  boolean slack;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Properties client = cluster.clientProperties();
    var subscriptions = new CompactedTopic<>(client, cluster.topics().subscriptions());
    if (action.list) {
      Map<String, Subscription> all = subscriptions.readAll();
      if (all.isEmpty()) {
        out.println("no subscriptions: add one with `newswatch subscribe --url URL`");
      }
      all.values().forEach(s -> out.println(s.getId() + "\t" + RedactedUrl.of(s.getUrl()) + "\tfrom " + s.getMinLevel()
          + "\t" + (s.getPlaceIds().isEmpty() ? "all places" : s.getPlaceIds()) + "\t" + s.getFormat()));
      return 0;
    }
    if (action.remove != null) {
      if (!subscriptions.readAll().containsKey(action.remove)) {
        throw new UserError("no subscription " + action.remove + " (see `newswatch subscribe --list`)");
      }
      subscriptions.put(action.remove, null);
      out.println("removed subscription " + action.remove);
      return 0;
    }
    webhookOptions.targets(client).refusal(action.url).ifPresent(reason -> {
      throw new UserError("--url " + RedactedUrl.of(action.url) + " refused: " + reason);
    });
    if (secret != null && secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
      throw new UserError("--secret must be at least " + MIN_SECRET_BYTES + " bytes; leave it out for a random one");
    }
    List<Long> placeIds = new ArrayList<>();
    if (!places.isEmpty()) {
      var gazetteer = Enricher.loadDefault().gazetteer();
      places.forEach(p -> placeIds.add(WatchCommand.resolve(gazetteer, p.trim()).geonameId()));
    }
    Subscription subscription = Subscription.newBuilder()
        .setId(UUID.randomUUID().toString().substring(0, 8))
        .setUrl(action.url)
        .setSecret(secret != null ? secret : randomSecret())
        .setPlaceIds(placeIds)
        .setMinLevel(minLevel)
        .setFormat(slack ? PayloadFormat.SLACK : PayloadFormat.JSON)
        .setCreatedAt(Instant.now())
        .setAlertOffsets(DeliveryStart.currentEnds(client, cluster.topics().alerts().name()))
        .build();
    subscriptions.put(subscription.getId(), subscription);
    out.println("subscription " + subscription.getId() + " -> " + RedactedUrl.of(subscription.getUrl()));
    if (secret == null) {
      out.println("signing secret (shown this once, keep it with the subscriber): " + subscription.getSecret());
    }
    return 0;
  }

  private static String randomSecret() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
