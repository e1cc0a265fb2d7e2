package io.newswatch.ingest.http;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.newswatch.web.HttpServer;
import io.newswatch.web.HttpSettings;
import java.util.function.Consumer;

/**
 * Ingest's HTTP routes: {@code POST /api/articles} and {@code GET /metrics}. They are
 * mounted beside the other stages' routes by {@code newswatch up}, or served alone. Any
 * stage shows its meters on /metrics by binding them to the same registry.
 */
public final class IngestHttp {
  private IngestHttp() {}

  public static Consumer<JavalinConfig> routes(PushEndpoint push, PrometheusMeterRegistry metrics) {
    return config -> {
      config.routes.post("/api/articles", push::handle);
      config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
          .result(metrics.scrape()));
    };
  }

  /** Serves the routes alone, as {@code settings} say, until stopped. */
  public static Javalin serve(HttpSettings settings, Consumer<JavalinConfig> routes) {
    return HttpServer.start(settings, routes);
  }
}
