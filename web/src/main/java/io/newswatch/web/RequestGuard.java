package io.newswatch.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Decides, before any route runs, whether a request may go on. What it stops is a web page
 * in the desk's own browser driving the API, and a stranger on the network using it:
 *
 * <ul>
 *   <li>A {@code Host} that is neither a loopback name, an IP literal nor one of the server's
 *       names is refused. DNS rebinding points a name the attacker owns at this server, so the
 *       browser sends that name as the Host; a page can only send an IP literal as the Host
 *       when it was itself served from that address, which makes it this server's own page.
 *   <li>A state-changing request (POST, PUT, PATCH, DELETE) with an {@code Origin} must come
 *       from the server's own origin: the Origin's host and port are the request's Host.
 *       Browsers send an Origin with every such request, so one without it is a program, not
 *       a page.
 *   <li>A state-changing request with a body must declare JSON (or JSON Lines): the
 *       content types an HTML form or a CORS-less {@code fetch} can send are refused, so such
 *       a request cannot slip past the browser's preflight.
 *   <li>With a token, every call under {@code /api/} and {@code /metrics} (unless open)
 *       needs {@code Authorization: Bearer TOKEN}. {@code /health}, {@code /ready} and the
 *       dashboard's own files (which hold no data) are open to probes and browsers.
 * </ul>
 */
public final class RequestGuard {
  private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");
  private static final Set<String> JSON_TYPES =
      Set.of("application/json", "application/x-ndjson", "application/jsonl", "application/jsonlines");

  private final HttpSettings settings;

  public RequestGuard(HttpSettings settings) {
    this.settings = settings;
  }

  /** The parts of a request the guard reads; absent headers are null. */
  public record Request(String method, String path, String host, String origin, String contentType,
      String authorization, boolean hasBody) {}

  /** Why a request was refused, and the status to answer with. */
  public record Refusal(int status, String reason) {}

  public Optional<Refusal> check(Request request) {
    Optional<String> host = HostNames.hostOf(request.host());
    if (host.isEmpty() || !knownHost(host.get())) {
      return refuse(403, "Host '" + request.host() + "' is not a name of this server; if clients reach it by "
          + "that name, start it with --http-allowed-host " + host.orElse("NAME"));
    }
    boolean changes = STATE_CHANGING.contains(request.method().toUpperCase(Locale.ROOT));
    if (changes && request.origin() != null && !sameOrigin(request.origin(), request.host())) {
      return refuse(403, "requests from another site's page are refused (Origin " + request.origin() + ")");
    }
    if (needsToken(request.path()) && !authorized(request.authorization())) {
      return refuse(401, "send the access token: Authorization: Bearer TOKEN (see --http-token)");
    }
    if (changes && request.hasBody() && !json(request.contentType())) {
      return refuse(415, "send Content-Type: application/json (application/x-ndjson for JSON Lines), not "
          + (request.contentType() == null ? "none" : request.contentType()));
    }
    return Optional.empty();
  }

  private boolean knownHost(String host) {
    return HostNames.isLoopback(host) || HostNames.isIpLiteral(host) || settings.hostNames().contains(host);
  }

  /** The Origin names the scheme, host and port the browser loaded the page from. */
  private static boolean sameOrigin(String origin, String host) {
    try {
      URI uri = new URI(origin);
      boolean web = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
      return web && uri.getRawAuthority() != null && uri.getRawPath().isEmpty()
          && uri.getRawAuthority().equalsIgnoreCase(withoutDefaultPort(host, uri.getScheme()));
    } catch (URISyntaxException e) {
      return false; // "null" (a sandboxed frame, a file) among others
    }
  }

  /** Browsers leave the scheme's default port out of the Origin; some clients put it in the Host. */
  private static String withoutDefaultPort(String host, String scheme) {
    String port = "http".equals(scheme) ? ":80" : ":443";
    return host.endsWith(port) ? host.substring(0, host.length() - port.length()) : host;
  }

  private boolean needsToken(String path) {
    if (settings.token() == null) {
      return false;
    }
    return path.startsWith("/api/") || path.equals("/metrics") && !settings.metricsOpen();
  }

  private boolean authorized(String header) {
    byte[] expected = ("Bearer " + settings.token()).getBytes(StandardCharsets.UTF_8);
    return header != null && MessageDigest.isEqual(expected, header.trim().getBytes(StandardCharsets.UTF_8));
  }

  private static boolean json(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semicolon = contentType.indexOf(';');
    String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    return JSON_TYPES.contains(type);
  }

  private static Optional<Refusal> refuse(int status, String reason) {
    return Optional.of(new Refusal(status, reason));
  }
}
