package io.newswatch.web;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where the HTTP server listens and who may call it.
 *
 * @param host the address to bind: a loopback address (the default, 127.0.0.1) or any other
 *     address or name, {@code 0.0.0.0} or {@code ::} for every interface
 * @param port the port (0 for any free one)
 * @param token the access token every call of the API needs ({@code Authorization: Bearer
 *     TOKEN}); null only when {@code host} is a loopback address, as beyond loopback one is
 *     required
 * @param hostNames names by which clients reach the server beside loopback names and IP
 *     literals: a request naming another {@code Host} is refused (DNS rebinding)
 * @param metricsOpen whether {@code /metrics} is served without the token (for a scraper)
 */
public record HttpSettings(String host, int port, String token, Set<String> hostNames, boolean metricsOpen) {
  public static final String LOOPBACK = "127.0.0.1";

  public HttpSettings {
    if (token != null && token.isBlank()) {
      token = null;
    }
    if (token == null && !HostNames.isLoopback(host)) {
      throw new IllegalArgumentException("listening on " + host + ", beyond loopback, needs an access token");
    }
    Set<String> names = new TreeSet<>();
    hostNames.forEach(n -> names.add(n.toLowerCase(Locale.ROOT)));
    if (!HostNames.isWildcard(host)) {
      names.add(host.toLowerCase(Locale.ROOT));
    }
    hostNames = Set.copyOf(names);
  }

  /** Loopback only, no token: what a test or a desk on its own machine runs. */
  public static HttpSettings loopback(int port) {
    return new HttpSettings(LOOPBACK, port, null, Set.of(), false);
  }

  /** The same settings on another port (a second instance beside this one). */
  public HttpSettings withPort(int otherPort) {
    return new HttpSettings(host, otherPort, token, hostNames, metricsOpen);
  }

  /** The same settings with an access token. */
  public HttpSettings withToken(String accessToken) {
    return new HttpSettings(host, port, accessToken, hostNames, metricsOpen);
  }
}
