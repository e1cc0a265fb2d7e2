package io.newswatch.alerts.detector;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Who published a story, for counting distinct sources. Usually the article's source; but on
 * a social platform the host says nothing about who wrote it, so there the account in the
 * URL's first path segment is the outlet: ten posts by ten accounts on twitter.com are ten
 * sources, not one.
 */
final class Outlets {
  private static final Set<String> PLATFORMS = Set.of(
      "twitter.com", "x.com", "t.me", "facebook.com", "instagram.com", "tiktok.com",
      "youtube.com", "reddit.com", "vk.com", "telegram.me");
  /** First path segments on platforms that name a kind of page, not an account. */
  private static final Set<String> NOT_ACCOUNTS = Set.of(
      "i", "s", "p", "watch", "shorts", "reel", "video", "videos", "share", "status",
      "permalink.php", "story.php", "photo", "photo.php", "groups", "r", "channel", "c");

  private Outlets() {}

  static String of(String source, String url) {
    String account = platformAccount(url);
    if (account != null) {
      return account;
    }
    return source == null || source.isBlank() ? "unknown" : source.strip().toLowerCase(Locale.ROOT);
  }

  private static String platformAccount(String url) {
    if (url == null) {
      return null;
    }
    URI uri;
    try {
      uri = URI.create(url.strip());
    } catch (IllegalArgumentException e) {
      return null;
    }
    String host = uri.getHost();
    String path = uri.getPath();
    if (host == null || path == null) {
      return null;
    }
    host = host.toLowerCase(Locale.ROOT).replaceFirst("^(www|m|mobile)\\.", "");
    String first = path.replaceFirst("^/+", "").split("/", 2)[0].toLowerCase(Locale.ROOT);
    if (!PLATFORMS.contains(host) || first.isEmpty() || NOT_ACCOUNTS.contains(first)) {
      return null;
    }
    return host + "/" + first;
  }
}
