package io.newswatch.alerts.http;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.newswatch.schemas.AvroJson;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API: health, recent alerts and a place's detector state, as JSON.
 *
 * <ul>
 *   <li>{@code GET /health}: 200 {@code {"status":"UP"}} when ready, else 503 {@code {"status":"STARTING"}}
 *   <li>{@code GET /api/alerts[?since=ISO-8601]}: alerts as in the alerts topic, oldest first
 *   <li>{@code GET /api/places/{id}/timeline}: the place's buckets, baseline and level
 * </ul>
 */
public final class HttpApi implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HttpApi.class);

  private final Javalin app;

  private HttpApi(Javalin app) {
    this.app = app;
  }

  /** Serves on {@code port} (0 for any free port) until {@link #close()}. */
  public static HttpApi start(int port, Supplier<Boolean> ready, AlertQueries queries) {
    return start(port, ready, queries, config -> { });
  }

  /**
   * The same, with the routes of other stages beside these ({@code newswatch up} serves one
   * HTTP port for the whole pipeline).
   */
  public static HttpApi start(int port, Supplier<Boolean> ready, AlertQueries queries,
      Consumer<JavalinConfig> moreRoutes) {
    Javalin app = Javalin.create(config -> {
      moreRoutes.accept(config);
      config.startup.showJavalinBanner = false;
      config.routes.get("/health", ctx -> health(ctx, ready.get()));
      config.routes.get("/api/alerts", ctx -> alerts(ctx, queries));
      config.routes.get("/api/places/{id}/timeline", ctx -> timeline(ctx, queries));
      config.routes.exception(InvalidStateStoreException.class, (e, ctx) ->
          json(ctx, HttpStatus.SERVICE_UNAVAILABLE, Map.of("error", "stores not ready: " + e.getMessage())));
    }).start(port);
    log.info("HTTP API on port {}", app.port());
    return new HttpApi(app);
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }

  private static void health(Context ctx, boolean ready) {
    json(ctx, ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE,
        Map.of("status", ready ? "UP" : "STARTING"));
  }

  private static void alerts(Context ctx, AlertQueries queries) {
    String since = ctx.queryParam("since");
    Instant from;
    try {
      from = since == null ? Instant.EPOCH : Instant.parse(since);
    } catch (DateTimeParseException e) {
      json(ctx, HttpStatus.BAD_REQUEST, Map.of("error", "since must be an ISO-8601 instant, e.g. 2025-11-20T00:00:00Z"));
      return;
    }
    var array = AvroJson.MAPPER.createArrayNode();
    queries.alertsSince(from).forEach(alert -> array.add(AvroJson.toJson(alert)));
    json(ctx, HttpStatus.OK, array);
  }

  private static void timeline(Context ctx, AlertQueries queries) {
    long placeId;
    try {
      placeId = Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      json(ctx, HttpStatus.BAD_REQUEST, Map.of("error", "a place id is a GeoNames id, a number"));
      return;
    }
    var state = queries.placeState(placeId);
    if (state.isPresent()) {
      json(ctx, HttpStatus.OK, state.get());
    } else {
      json(ctx, HttpStatus.NOT_FOUND, Map.of("error", "place " + placeId + " is not tracked"));
    }
  }

  private static void json(Context ctx, HttpStatus status, Object body) {
    ctx.status(status).contentType("application/json").result(AvroJson.MAPPER.valueToTree(body).toString());
  }
}
