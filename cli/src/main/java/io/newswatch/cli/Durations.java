package io.newswatch.cli;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;

/** Reads durations the way people write them: 30m, 1h, 6h, 1d (or ISO-8601, PT1H). */
public final class Durations implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    String v = value.trim().toLowerCase(java.util.Locale.ROOT);
    try {
      if (v.startsWith("p")) {
        return Duration.parse(value.trim().toUpperCase(java.util.Locale.ROOT));
      }
      long n = Long.parseLong(v.substring(0, v.length() - 1));
      return switch (v.charAt(v.length() - 1)) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        case 'd' -> Duration.ofDays(n);
        default -> throw new NumberFormatException();
      };
    } catch (RuntimeException e) {
      throw new picocli.CommandLine.TypeConversionException(
          "'" + value + "' is not a duration such as 30m, 1h or 1d");
    }
  }
}
