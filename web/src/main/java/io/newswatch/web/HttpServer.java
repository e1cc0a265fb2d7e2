package io.newswatch.web;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The one way a stage serves HTTP: bound to {@link HttpSettings#host()}, every request first
 * through the {@link RequestGuard}, and every answer, refusals and errors included, with the
 * {@link #SECURITY_HEADERS}. Requests that stall or trickle are cut, so that they cannot hold
 * the threads that answer {@code /health} and {@code /ready}.
 */
public final class HttpServer {
  /**
   * The dashboard loads only its own script and style sheet (no inline script or style, so an
   * injected tag runs nothing), talks only to this server, and is never framed (clickjacking).
   */
  public static final Map<String, String> SECURITY_HEADERS = Map.of(
      "Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
          + "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
      "X-Frame-Options", "DENY",
      "X-Content-Type-Options", "nosniff",
      "Referrer-Policy", "no-referrer");
  /** A request that sends nothing for this long is cut (a client that opened and went away). */
  static final long IDLE_TIMEOUT_MS = 30_000;
  /** A request body that arrives slower than this is cut: slow uploads must not hold the server's threads. */
  static final long MIN_REQUEST_BYTES_PER_SECOND = 1_024;

  private HttpServer() {}

  /** Serves {@code routes} until the returned server is stopped. */
  public static Javalin start(HttpSettings settings, Consumer<JavalinConfig> routes) {
    RequestGuard guard = new RequestGuard(settings);
    return Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.jetty.modifyHttpConfiguration(http -> {
        http.setIdleTimeout(IDLE_TIMEOUT_MS);
        http.setMinRequestDataRate(MIN_REQUEST_BYTES_PER_SECOND);
      });
      config.routes.before(ctx -> {
        SECURITY_HEADERS.forEach(ctx::header);
        guard.check(request(ctx)).ifPresent(refusal -> {
          ctx.status(refusal.status()).contentType("application/json")
              .result(JsonNodeFactory.instance.objectNode().put("error", refusal.reason()).toString());
          ctx.skipRemainingHandlers();
        });
      });
      routes.accept(config);
    }).start(settings.host(), settings.port());
  }

  private static RequestGuard.Request request(Context ctx) {
    String length = ctx.header("Content-Length");
    boolean hasBody = ctx.header("Transfer-Encoding") != null || length != null && !length.trim().equals("0");
    return new RequestGuard.Request(ctx.method().name(), ctx.path(), ctx.header("Host"), ctx.header("Origin"),
        ctx.header("Content-Type"), ctx.header("Authorization"), hasBody);
  }
}
