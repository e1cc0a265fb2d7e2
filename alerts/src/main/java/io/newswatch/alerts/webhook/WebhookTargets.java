package io.newswatch.alerts.webhook;

import io.newswatch.web.HostNames;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which URLs webhooks may be sent to. Whoever can add a subscription chooses where
 * newswatch POSTs, from inside the network it runs in; so only http(s), and, unless private
 * targets are allowed, only public addresses: not loopback, link-local (cloud metadata
 * services live there), private, unique-local, carrier-grade NAT or otherwise reserved
 * ranges; and never the Kafka brokers. Names are judged by every address they resolve to, at
 * subscription and again before each delivery, as a name can be pointed elsewhere in
 * between. The JVM keeps a resolved name for 30 s ({@code networkaddress.cache.ttl}), so the
 * connection made right after the check goes to the addresses checked.
 */
public final class WebhookTargets {
  /** Resolves a host name to all its addresses; tests give names of their own. */
  public interface Resolver {
    List<InetAddress> resolve(String host) throws UnknownHostException;
  }

  private final boolean allowPrivate;
  private final Set<InetSocketAddress> brokers;
  private final Resolver resolver;

  /**
   * @param allowPrivate whether private and loopback targets are taken (a subscriber inside
   *     the network on purpose)
   * @param brokers the Kafka brokers' addresses, never a target
   */
  public WebhookTargets(boolean allowPrivate, Collection<InetSocketAddress> brokers, Resolver resolver) {
    this.allowPrivate = allowPrivate;
    this.brokers = Set.copyOf(brokers);
    this.resolver = resolver;
  }

  public static WebhookTargets of(boolean allowPrivate, Collection<InetSocketAddress> brokers) {
    return new WebhookTargets(allowPrivate, brokers, host -> List.of(InetAddress.getAllByName(host)));
  }

  /** Empty when newswatch may POST to {@code url}, else why not. */
  public Optional<String> refusal(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (Exception e) {
      return Optional.of("not a URL: " + e.getMessage());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      return Optional.of("only absolute http and https URLs are taken");
    }
    String host = HostNames.unbracketed(uri.getHost());
    int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
    List<InetAddress> addresses;
    try {
      addresses = resolver.resolve(host);
    } catch (UnknownHostException e) {
      return Optional.of("host " + host + " does not resolve");
    }
    for (InetAddress address : addresses) {
      if (!allowPrivate && !isPublic(address)) {
        return Optional.of(host + " resolves to " + address.getHostAddress()
            + ", a loopback, private or reserved address; webhooks there need --allow-private-webhooks");
      }
      for (InetSocketAddress broker : brokers) {
        if (broker.getPort() == port && !broker.isUnresolved() && broker.getAddress().equals(address)) {
          return Optional.of(host + ":" + port + " is a Kafka broker");
        }
      }
    }
    return Optional.empty();
  }

  /** A global unicast address: what a subscriber on the internet has. */
  static boolean isPublic(InetAddress address) {
    if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
        || address.isSiteLocalAddress() || address.isMulticastAddress()) {
      return false;
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      return isPublicV4(b);
    }
    Inet6Address v6 = (Inet6Address) address;
    if ((b[0] & 0xfe) == 0xfc) {
      return false; // unique local fc00::/7
    }
    if (v6.isIPv4CompatibleAddress() || isPrefix(b, 0x00, 0x64, 0xff, 0x9b)) {
      // ::a.b.c.d and NAT64 64:ff9b::a.b.c.d reach the IPv4 address they carry
      return isPublicV4(new byte[] {b[12], b[13], b[14], b[15]});
    }
    if (isPrefix(b, 0x20, 0x02)) {
      return isPublicV4(new byte[] {b[2], b[3], b[4], b[5]}); // 6to4 2002:a.b.c.d::/48
    }
    if (isPrefix(b, 0x20, 0x01, 0x0d, 0xb8) || isPrefix(b, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00)) {
      return false; // documentation 2001:db8::/32, discard 100::/64
    }
    return (b[0] & 0xe0) == 0x20; // global unicast 2000::/3
  }

  private static boolean isPublicV4(byte[] b) {
    int first = b[0] & 0xff;
    int second = b[1] & 0xff;
    return !(first == 0 || first == 10 || first == 127 || first >= 224 // this network, private, loopback, multicast, reserved
        || first == 100 && second >= 64 && second < 128 // carrier-grade NAT 100.64/10
        || first == 169 && second == 254 // link-local, where cloud metadata answers
        || first == 172 && second >= 16 && second < 32 // private 172.16/12
        || first == 192 && second == 168 // private 192.168/16
        || first == 192 && second == 0 && (b[2] == 0 || b[2] == 2) // IETF 192.0.0/24, documentation 192.0.2/24
        || first == 198 && (second == 18 || second == 19) // benchmarking 198.18/15
        || first == 198 && second == 51 && (b[2] & 0xff) == 100 // documentation
        || first == 203 && second == 0 && (b[2] & 0xff) == 113); // documentation
  }

  private static boolean isPrefix(byte[] address, int... prefix) {
    for (int i = 0; i < prefix.length; i++) {
      if ((address[i] & 0xff) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
