package io.newswatch.cli;

import io.newswatch.avro.Level;
import io.newswatch.avro.PayloadFormat;
import io.newswatch.avro.Subscription;
import io.newswatch.schemas.CompactedTopic;
import io.newswatch.enrich.Enricher;
import java.io.PrintWriter;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
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
            + "published after it was created."})
final class SubscribeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ClusterOptions cluster;

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

  @Option(names = "--secret", paramLabel = "SECRET", description = "Signing secret (default: a random one, printed).")
  String secret;

  @Option(names = "--slack", description = "Send a Slack-compatible {\"text\": ...} message instead of the alert JSON.")
  boolean slack;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    var subscriptions = new CompactedTopic<>(cluster.clientProperties(), cluster.topics().subscriptions());
    if (action.list) {
      Map<String, Subscription> all = subscriptions.readAll();
      if (all.isEmpty()) {
        out.println("no subscriptions: add one with `newswatch subscribe --url URL`");
      }
      all.values().forEach(s -> out.println(s.getId() + "\t" + s.getUrl() + "\tfrom " + s.getMinLevel()
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
    URI uri = URI.create(action.url);
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new UserError("--url must be an absolute http(s) URL: " + action.url);
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
        .build();
    subscriptions.put(subscription.getId(), subscription);
    out.println("subscription " + subscription.getId() + " -> " + subscription.getUrl()
        + "; signing secret " + subscription.getSecret());
    return 0;
  }

  private static String randomSecret() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
