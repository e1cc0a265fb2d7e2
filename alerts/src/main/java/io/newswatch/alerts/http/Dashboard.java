package io.newswatch.alerts.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import java.util.function.Consumer;

/**
 * The dashboard at {@code /}: plain HTML, CSS and JavaScript from the classpath, nothing
 * from a CDN (desks may be offline). It reads {@code /api/watches}, {@code /api/alerts},
 * {@code /api/places/{id}/timeline} and the {@link AlertStream}.
 */
public final class Dashboard {
  private Dashboard() {}

  public static Consumer<JavalinConfig> routes() {
    return config -> config.staticFiles.add(files -> {
      files.hostedPath = "/";
      files.directory = "/io/newswatch/alerts/dashboard";
      files.location = Location.CLASSPATH;
    });
  }
}
