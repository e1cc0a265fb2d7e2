package io.newswatch.alerts.http;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import com.fasterxml.jackson.databind.JsonNode;
import io.newswatch.schemas.AvroJson;
import io.newswatch.schemas.Json;
import io.newswatch.web.HttpServer;
import io.newswatch.web.HttpSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API: health, recent alerts and a place's detector state, as JSON.
 *
 * <ul>
 *   <li>{@code GET /health}: liveness, 200 {@code {"status":"UP"}} while the process serves
 *   <li>{@code GET /ready}: 200 {@code {"status":"READY"}} when every Streams app runs and the
 *       broker answers, else 503 {@code {"status":"NOT_READY"}}, with the {@link Readiness}
 *       details beside the status (each webhook subscription's delivery, in {@code up})
 *   <li>{@code GET /api/alerts[?since=ISO-8601]}: alerts as in the alerts topic, oldest first
 *   <li>{@code GET /api/places}: every place tracked, with its level now and its reports in its
 *       window ({@link PlaceSummary}), by name
 *   <li>{@code GET /api/places/{id}/timeline}: the place's buckets against its baseline, its
 *       level and its window's stories ({@link PlaceTimeline}); times in ISO-8601
 * </ul>
 *
 * <p>With several instances of the alerts stage, each holds the places of its partitions: a
 * timeline is fetched from the instance that holds the place, and the alerts of every instance
 * are merged. Such a request carries {@value #FORWARDED}, so it is answered locally, and the
 * access token, which every instance of a deployment shares.
 */
public final class HttpApi implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HttpApi.class);
  /** Header of a request one instance makes of another. */
  static final String FORWARDED = "X-Newswatch-Forwarded";
  private static final HttpClient PEERS = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Javalin app;

  private HttpApi(Javalin app) {
    this.app = app;
  }

  /** Serves as {@code settings} say until {@link #close()}. */
  public static HttpApi start(HttpSettings settings, Readiness ready, AlertQueries queries) {
    return start(settings, ready, queries, config -> { });
  }

  /**
   * The same, with the routes of other stages beside these ({@code newswatch up} serves one
   * HTTP port for the whole pipeline).
   */
  public static HttpApi start(HttpSettings settings, Readiness ready, AlertQueries queries,
      Consumer<JavalinConfig> moreRoutes) {
    Peers peers = new Peers(settings.token());
    Javalin app = HttpServer.start(settings, config -> {
      moreRoutes.accept(config);
      config.routes.get("/health", ctx -> json(ctx, HttpStatus.OK, Map.of("status", "UP")));
      config.routes.get("/ready", ctx -> ready(ctx, ready));
      config.routes.get("/api/alerts", ctx -> alerts(ctx, queries, peers));
      config.routes.get("/api/places", ctx -> places(ctx, queries, peers));
      config.routes.get("/api/places/{id}/timeline", ctx -> timeline(ctx, queries, peers));
      config.routes.exception(InvalidStateStoreException.class, (e, ctx) ->
          json(ctx, HttpStatus.SERVICE_UNAVAILABLE, Map.of("error", "stores not ready: " + e.getMessage())));
      config.routes.exception(PeerDidNotAnswer.class, (e, ctx) ->
          json(ctx, HttpStatus.SERVICE_UNAVAILABLE, Map.of("error", "another instance did not answer: " + e.getMessage())));
      config.routes.exception(Exception.class, (e, ctx) -> {
        // one line, not a stack trace per request: a client can send what fails as often as it likes
        String what = String.valueOf(e).lines().findFirst().orElse("");
        log.warn("{} {} failed: {}", ctx.method(), ctx.path(), what.length() > 300 ? what.substring(0, 300) + "…" : what);
        json(ctx, HttpStatus.INTERNAL_SERVER_ERROR, Map.of("error", "the server failed: " + e.getClass().getSimpleName()));
      });
    });
    log.info("HTTP API on {}:{}", settings.host(), app.port());
    return new HttpApi(app);
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }

  private static void ready(Context ctx, Readiness readiness) {
    boolean ready = readiness.ready();
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("status", ready ? "READY" : "NOT_READY");
    answer.putAll(readiness.details());
    json(ctx, ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE, answer);
  }

  private static void alerts(Context ctx, AlertQueries queries, Peers peers) throws IOException, InterruptedException {
    String since = ctx.queryParam("since");
    Instant from;
    try {
      from = since == null ? Instant.EPOCH : Instant.parse(since);
    } catch (DateTimeParseException e) {
      json(ctx, HttpStatus.BAD_REQUEST, Map.of("error", "since must be an ISO-8601 instant, e.g. 2025-11-20T00:00:00Z"));
      return;
    }
    if (from.isAfter(Instant.now())) {
      json(ctx, HttpStatus.OK, List.of()); // no alert is detected in the future, however far
      return;
    }
    from = from.isBefore(Instant.EPOCH) ? Instant.EPOCH : from;
    List<JsonNode> alerts = new ArrayList<>();
    queries.alertsSince(from).forEach(alert -> alerts.add(AvroJson.toJson(alert)));
    alerts.addAll(fromOtherInstances(ctx, queries, peers, "/api/alerts?since=" + from));
    alerts.sort(Comparator.comparing((JsonNode a) -> Instant.parse(a.get("detectedAt").asText()))
        .thenComparing(a -> a.get("alertId").asText()));
    json(ctx, HttpStatus.OK, alerts);
  }

  private static void places(Context ctx, AlertQueries queries, Peers peers) throws IOException, InterruptedException {
    List<JsonNode> places = new ArrayList<>();
    queries.places().forEach(place -> places.add(Json.MAPPER.valueToTree(place)));
    places.addAll(fromOtherInstances(ctx, queries, peers, "/api/places"));
    places.sort(Comparator.comparing((JsonNode p) -> p.get("placeName").asText())
        .thenComparing(p -> p.get("placeId").asLong()));
    json(ctx, HttpStatus.OK, places);
  }

  /** The JSON array items the other instances answer to the same request; none when it was forwarded. */
  private static List<JsonNode> fromOtherInstances(Context ctx, AlertQueries queries, Peers peers, String pathAndQuery)
      throws IOException, InterruptedException {
    List<JsonNode> items = new ArrayList<>();
    if (!forwarded(ctx)) {
      for (URI instance : queries.otherInstances()) {
        HttpResponse<String> theirs = peers.ask(instance, pathAndQuery);
        if (theirs.statusCode() != HttpStatus.OK.getCode()) {
          throw new PeerDidNotAnswer(instance + " answered " + theirs.statusCode());
        }
        Json.MAPPER.readTree(theirs.body()).forEach(items::add);
      }
    }
    return items;
  }

  private static void timeline(Context ctx, AlertQueries queries, Peers peers) throws IOException, InterruptedException {
    long placeId;
    try {
      placeId = Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      json(ctx, HttpStatus.BAD_REQUEST, Map.of("error", "a place id is a GeoNames id, a number"));
      return;
    }
    Optional<URI> holder = forwarded(ctx) ? Optional.empty() : queries.remoteHolderOf(placeId);
    if (holder.isPresent()) {
      HttpResponse<String> theirs = peers.ask(holder.get(), ctx.path());
      ctx.status(theirs.statusCode()).contentType("application/json").result(theirs.body());
      return;
    }
    var state = queries.placeState(placeId);
    if (state.isPresent()) {
      json(ctx, HttpStatus.OK, PlaceTimeline.of(state.get()));
    } else {
      json(ctx, HttpStatus.NOT_FOUND, Map.of("error", "place " + placeId + " is not tracked"));
    }
  }

  private static boolean forwarded(Context ctx) {
    return ctx.header(FORWARDED) != null;
  }

  /** Asks another instance, as one of the deployment: marked forwarded, with the shared token. */
  private record Peers(String token) {
    HttpResponse<String> ask(URI instance, String pathAndQuery) throws PeerDidNotAnswer, InterruptedException {
      HttpRequest.Builder request = HttpRequest.newBuilder(instance.resolve(pathAndQuery))
          .header(FORWARDED, "true")
          .timeout(Duration.ofSeconds(10));
      if (token != null) {
        request.header("Authorization", "Bearer " + token);
      }
      try {
        return PEERS.send(request.build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new PeerDidNotAnswer(instance + ": " + e.getMessage());
      }
    }
  }

  /** Another instance of the stage, which holds part of the answer, did not give it: a 503. */
  private static final class PeerDidNotAnswer extends IOException {
    PeerDidNotAnswer(String message) {
      super(message);
    }
  }

  private static void json(Context ctx, HttpStatus status, Object body) {
    ctx.status(status).contentType("application/json").result(Json.MAPPER.valueToTree(body).toString());
  }
}
