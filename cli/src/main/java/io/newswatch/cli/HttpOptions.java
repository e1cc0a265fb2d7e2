package io.newswatch.cli;

import io.newswatch.web.AccessToken;
import io.newswatch.web.HostNames;
import io.newswatch.web.HttpSettings;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * Where a command's HTTP server listens and who may call it ({@code up}, {@code alerts},
 * {@code ingest --serve}). Loopback by default, with no token; beyond loopback a token is
 * required, and one is generated and kept beside the command's data when none is given.
 */
final class HttpOptions {
  static final String TOKEN_FILE = "http-token";

  @Option(names = "--http-host", defaultValue = "${env:NEWSWATCH_HTTP_HOST:-" + HttpSettings.LOOPBACK + "}",
      paramLabel = "HOST", description = "Address the HTTP server listens on: 0.0.0.0 for every interface, which "
          + "needs an access token (default: ${DEFAULT-VALUE}, this machine only; env NEWSWATCH_HTTP_HOST).")
  String host;

  @Option(names = "--http-port", defaultValue = "${env:NEWSWATCH_HTTP_PORT:-8080}", paramLabel = "PORT",
      description = "Port of the HTTP server (default: ${DEFAULT-VALUE}; env NEWSWATCH_HTTP_PORT).")
  int port;

  @Option(names = "--http-token", defaultValue = "${env:NEWSWATCH_HTTP_TOKEN}", paramLabel = "TOKEN",
      description = "Access token every call of the API needs (Authorization: Bearer TOKEN), except /health and "
          + "/ready. Prefer the environment (NEWSWATCH_HTTP_TOKEN) to the command line, which other users can see. "
          + "Without it: none on loopback; beyond loopback one is generated and kept in the data directory.")
  String token;

  @Option(names = "--http-allowed-host", split = ",", paramLabel = "NAME",
      defaultValue = "${env:NEWSWATCH_HTTP_ALLOWED_HOSTS}",
      description = "A name clients reach the server by, e.g. behind a reverse proxy (repeatable; env "
          + "NEWSWATCH_HTTP_ALLOWED_HOSTS). Loopback names and IP addresses always are; a request naming another "
          + "Host is refused.")
  List<String> allowedHosts = new ArrayList<>();

  @Option(names = "--metrics-open", description = "Serve /metrics without the token, for a Prometheus scraper.")
  boolean metricsOpen;

  /**
   * The settings, with the token from the flag or the environment, else (beyond loopback)
   * from {@code dataDir}/{@value #TOKEN_FILE}, generated and printed the first time.
   *
   * @param moreNames further names of this server (the alerts stage's advertised host)
   */
  HttpSettings settings(Path dataDir, PrintWriter out, String... moreNames) {
    if (port < 0 || port > 65_535) {
      throw new UserError("--http-port must be between 0 and 65535: " + port);
    }
    Set<String> names = new HashSet<>(List.of(moreNames));
    allowedHosts.stream().map(String::trim).filter(n -> !n.isEmpty()).forEach(names::add);
    String accessToken = token == null || token.isBlank() ? null : token.trim();
    if (accessToken != null && accessToken.length() < 16) {
      throw new UserError("--http-token must be at least 16 characters");
    }
    if (accessToken == null && !HostNames.isLoopback(host)) {
      Path file = dataDir.resolve(TOKEN_FILE);
      try {
        AccessToken.Loaded loaded = AccessToken.loadOrCreate(file);
        accessToken = loaded.token();
        if (loaded.created()) {
          out.println("HTTP access token (shown this once; kept in " + file + ", readable by you alone): "
              + accessToken);
          out.println("the dashboard asks for it; or open it as " + displayUrl() + "#token=" + accessToken);
        } else {
          out.println("HTTP access token: in " + file);
        }
      } catch (UncheckedIOException | IllegalArgumentException e) {
        throw new UserError(e.getMessage());
      }
    }
    return new HttpSettings(host, port, accessToken, names, metricsOpen);
  }

  /** The address a user on this machine opens. */
  String displayUrl() {
    String shown = HostNames.isWildcard(host) || HostNames.isLoopback(host) ? "localhost"
        : host.contains(":") ? "[" + host + "]" : host;
    return "http://" + shown + ":" + port + "/";
  }
}
