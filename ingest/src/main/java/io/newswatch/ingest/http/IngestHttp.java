package io.newswatch.ingest.http;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
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

  /** Serves the routes alone on {@code port} (0: any free port) until stopped. */
  public static Javalin serve(int port, Consumer<JavalinConfig> routes) {
    return Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      routes.accept(config);
    }).start(port);
  }
}
