package io.newswatch.web;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** What a host name or address in a setting or a {@code Host} header is. */
public final class HostNames {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private HostNames() {}

  /** Loopback: {@code localhost}, a name under {@code .localhost} (RFC 6761), 127.0.0.0/8 or ::1. */
  public static boolean isLoopback(String host) {
    String h = unbracketed(host).toLowerCase(Locale.ROOT);
    return h.equals("localhost") || h.endsWith(".localhost") || IPV4.matcher(h).matches() && h.startsWith("127.")
        || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1");
  }

  /** Every interface: {@code 0.0.0.0} or {@code ::}. */
  public static boolean isWildcard(String host) {
    String h = unbracketed(host);
    return h.equals("0.0.0.0") || h.equals("::") || h.equals("0:0:0:0:0:0:0:0");
  }

  /** An IPv4 or IPv6 address written out, not a name that DNS resolves. */
  public static boolean isIpLiteral(String host) {
    String h = unbracketed(host);
    return IPV4.matcher(h).matches() || h.contains(":");
  }

  /**
   * The host of a {@code Host} header or of an origin's authority ({@code name:port},
   * {@code [v6]:port}), lower case; empty when it is not one.
   */
  public static Optional<String> hostOf(String authority) {
    if (authority == null || authority.isEmpty()) {
      return Optional.empty();
    }
    String host;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0 || close + 1 < authority.length() && authority.charAt(close + 1) != ':') {
        return Optional.empty();
      }
      host = authority.substring(1, close);
    } else {
      int colon = authority.indexOf(':');
      host = colon < 0 ? authority : authority.substring(0, colon);
    }
    return host.isEmpty() ? Optional.empty() : Optional.of(host.toLowerCase(Locale.ROOT));
  }

  /** The address of an IPv6 literal without the brackets a URL puts around it; any other host as it is. */
  public static String unbracketed(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }
}
