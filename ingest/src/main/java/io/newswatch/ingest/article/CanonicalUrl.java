package io.newswatch.ingest.article;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The form of a URL that two copies of the same article share: scheme and host lower
 * case, no fragment, no default port, no tracking parameters. Article ids are derived
 * from it, so the same story reached through two feeds is one article.
 */
public final class CanonicalUrl {
  private CanonicalUrl() {}

  /** The canonical form, or null when the text is not an absolute http(s) URL. */
  public static String of(String url) {
    if (url == null || url.isBlank()) {
      return null;
    }
    try {
      URI uri = new URI(url.trim());
      String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!"http".equals(scheme) && !"https".equals(scheme) || uri.getHost() == null) {
        return null;
      }
      int port = uri.getPort();
      boolean defaultPort = port == -1 || port == 80 && scheme.equals("http") || port == 443 && scheme.equals("https");
      String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      String query = keptQuery(uri.getRawQuery());
      return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port)
          + path + (query.isEmpty() ? "" : "?" + query);
    } catch (URISyntaxException e) {
      return null;
    }
  }

  private static String keptQuery(String rawQuery) {
    if (rawQuery == null) {
      return "";
    }
    return Arrays.stream(rawQuery.split("&"))
        .filter(p -> !p.isEmpty() && !isTracking(p.split("=", 2)[0].toLowerCase(Locale.ROOT)))
        .collect(Collectors.joining("&"));
  }

  private static boolean isTracking(String name) {
    return name.startsWith("utm_") || name.equals("fbclid") || name.equals("gclid")
        || name.equals("mc_cid") || name.equals("mc_eid") || name.equals("yclid");
  }
}
