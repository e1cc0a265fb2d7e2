package io.newswatch.cli;

import io.newswatch.alerts.webhook.WebhookTargets;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine.Option;

/** Which webhook targets a command takes ({@code subscribe}) or delivers to ({@code webhooks}, {@code up}). */
final class WebhookOptions {
  @Option(names = "--allow-private-webhooks",
      description = "Take webhook URLs that resolve to loopback, link-local, private or unique-local addresses "
          + "(a subscriber inside your network on purpose). Off by default, so that whoever adds a subscription "
          + "cannot make newswatch POST to services that only trust the local network.")
  boolean allowPrivate;

  /** The target rules, with the cluster's brokers never a target. */
  WebhookTargets targets(Properties client) {
    return WebhookTargets.of(allowPrivate, brokers(client.getProperty("bootstrap.servers", "")));
  }

  /** The bootstrap servers' addresses; one that does not resolve cannot be mistaken for a target. */
  static List<InetSocketAddress> brokers(String bootstrapServers) {
    List<InetSocketAddress> brokers = new ArrayList<>();
    for (String server : bootstrapServers.split(",")) {
      String s = server.trim();
      int colon = s.lastIndexOf(':');
      if (colon <= 0) {
        continue;
      }
      String host = s.substring(0, colon).replace("[", "").replace("]", "");
      try {
        InetSocketAddress address = new InetSocketAddress(host, Integer.parseInt(s.substring(colon + 1)));
        if (!address.isUnresolved()) {
          brokers.add(address);
        }
      } catch (IllegalArgumentException notAnAddress) {
        // a malformed entry: the Kafka clients report it themselves
      }
    }
    return brokers;
  }
}
