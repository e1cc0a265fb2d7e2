package io.newswatch.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A URL as it may be shown or logged: without the credentials it may carry, the user and
 * password before the host, the values of query parameters whose names say they hold one
 * (token, key, secret, signature, password, auth, session, code, ...) and its fragment. The
 * path and the other parameters stay, as they tell the reader which feed or endpoint.
 */
public final class RedactedUrl {
  private static final String HIDDEN = "***";
  /** Longer URLs are cut: one from a subscription or a feed list must not make a log line of any length. */
  static final int MAX_SHOWN = 300;
  /** scheme://userinfo@ : everything up to the last '@' before the path. */
  private static final Pattern USER_INFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)([^/?#]*@)");
  private static final Pattern SECRET_VALUE = Pattern.compile(
      "([?&;][^=&;#]*(?:token|key|secret|sig|pass|pwd|auth|session|sid|code|credential)[^=&;#]*=)[^&;#]*",
      Pattern.CASE_INSENSITIVE);

  private RedactedUrl() {}

  public static String of(String url) {
    if (url == null) {
      return null;
    }
    int fragment = url.indexOf('#');
    String withoutFragment = fragment < 0 ? url : url.substring(0, fragment);
    Matcher user = USER_INFO.matcher(withoutFragment);
    String redacted = user.find() ? user.replaceFirst("$1" + Matcher.quoteReplacement(HIDDEN + "@")) : withoutFragment;
    int query = redacted.indexOf('?');
    if (query >= 0) {
      redacted = redacted.substring(0, query)
          + SECRET_VALUE.matcher(redacted.substring(query)).replaceAll("$1" + Matcher.quoteReplacement(HIDDEN));
    }
    return redacted.length() <= MAX_SHOWN ? redacted : redacted.substring(0, MAX_SHOWN - 1) + "…";
  }
}
