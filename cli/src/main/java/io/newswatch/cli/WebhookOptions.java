package io.newswatch.cli;

import io.newswatch.alerts.webhook.WebhookTargets;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.ClientDnsLookup;
import org.apache.kafka.clients.ClientUtils;
import org.apache.kafka.common.config.ConfigException;
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

  /**
   * The bootstrap servers' addresses, every address of each name, parsed and resolved as the
   * Kafka clients do. A list they would refuse (none resolves, or one is malformed) leaves no
   * broker to refuse: the clients then fail on it themselves.
   */
  static List<InetSocketAddress> brokers(String bootstrapServers) {
    try {
      return ClientUtils.parseAndValidateAddresses(List.of(bootstrapServers.split(",")),
          ClientDnsLookup.USE_ALL_DNS_IPS);
    } catch (ConfigException unusable) {
      return List.of();
    }
  }
}
