package io.newswatch.cli.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.newswatch.alerts.http.AlertStream;
import io.newswatch.alerts.http.Dashboard;
import io.newswatch.avro.Level;
import io.newswatch.avro.Watch;
import io.newswatch.cli.AmbiguousPlace;
import io.newswatch.cli.UserError;
import io.newswatch.schemas.CompactedTopic;
import io.newswatch.enrich.gazetteer.Gazetteer;
import io.newswatch.enrich.gazetteer.Place;
import io.newswatch.schemas.AvroJson;
import io.newswatch.schemas.Json;
import io.newswatch.schemas.Topics;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * What the dashboard needs beside the alerts API: the page itself, the alert stream, and
 * the watchlist to read and edit ({@code GET/POST /api/watches}, {@code DELETE
 * /api/watches/{id}}), with names resolved as {@code newswatch watch add} resolves them.
 */
public final class DashboardRoutes {
  private DashboardRoutes() {}

  /**
   * @param resolve a place by name or id, as {@code newswatch watch add} does; a
   *     {@link UserError} (an unknown name, a bad level) becomes a 400 with its message, an
   *     {@link AmbiguousPlace} a 409 that lists the candidates, likeliest first, for the
   *     dashboard to offer: each with its GeoNames id, which the next request can name
   */
  public static Consumer<JavalinConfig> of(Properties client, Topics topics, Gazetteer gazetteer,
      BiFunction<Gazetteer, String, Place> resolve) {
    CompactedTopic<Watch> watchlist = new CompactedTopic<>(client, topics.watchlist());
    return Dashboard.routes()
        .andThen(new AlertStream(client, topics).routes())
        .andThen(config -> {
          config.routes.get("/api/watches", ctx -> json(ctx, HttpStatus.OK, watchlistJson(watchlist)));
          config.routes.post("/api/watches", ctx -> add(ctx, watchlist, gazetteer, resolve));
          config.routes.delete("/api/watches/{id}", ctx -> {
            watchlist.put(Long.toString(Long.parseLong(ctx.pathParam("id"))), null);
            ctx.status(HttpStatus.NO_CONTENT);
          });
          config.routes.exception(UserError.class, (e, ctx) -> json(ctx, HttpStatus.BAD_REQUEST, Map.of("error", e.getMessage())));
          config.routes.exception(AmbiguousPlace.class, (e, ctx) -> json(ctx, HttpStatus.CONFLICT,
              Map.of("error", "'" + e.name() + "' names several places; choose one", "candidates",
                  e.candidates().stream().map(DashboardRoutes::candidate).toList())));
          config.routes.exception(NumberFormatException.class, (e, ctx) ->
              json(ctx, HttpStatus.BAD_REQUEST, Map.of("error", "a place id is a GeoNames id, a number")));
        });
  }

  private static Map<String, Object> candidate(Place p) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("placeId", p.geonameId());
    c.put("name", p.name());
    c.put("kind", p.kind().label());
    c.put("admin1", p.admin1());
    c.put("countryCode", p.countryCode());
    c.put("population", p.population());
    return c;
  }

  private static JsonNode watchlistJson(CompactedTopic<Watch> watchlist) {
    var array = Json.MAPPER.createArrayNode();
    watchlist.readAll().values().forEach(w -> array.add(AvroJson.toJson(w)));
    return array;
  }

  private static void add(Context ctx, CompactedTopic<Watch> watchlist, Gazetteer gazetteer,
      BiFunction<Gazetteer, String, Place> resolve) throws Exception {
    JsonNode body;
    try {
      body = Json.MAPPER.readTree(ctx.body());
    } catch (JsonProcessingException e) {
      throw new UserError("the body is not JSON; send {\"place\": \"Kramatorsk\"}");
    }
    String name = body == null ? "" : body.path("place").asText("").trim();
    if (name.isEmpty()) {
      throw new UserError("give a place: {\"place\": \"Kramatorsk\"}");
    }
    Level minLevel;
    try {
      minLevel = Level.valueOf(body.path("minLevel").asText("ELEVATED"));
    } catch (IllegalArgumentException e) {
      throw new UserError("minLevel is ELEVATED, ESCALATING or CRITICAL");
    }
    if (minLevel == Level.NORMAL) {
      throw new UserError("minLevel is ELEVATED, ESCALATING or CRITICAL: NORMAL is never alerted");
    }
    Place place = resolve.apply(gazetteer, name);
    Watch watch = new Watch(place.geonameId(), place.name(), minLevel, Instant.now());
    watchlist.put(Long.toString(place.geonameId()), watch);
    json(ctx, HttpStatus.CREATED, AvroJson.toJson(watch));
  }

  private static void json(Context ctx, HttpStatus status, Object body) {
    ctx.status(status).contentType("application/json").result(Json.MAPPER.valueToTree(body).toString());
  }
}
