package io.newswatch.ingest.feed;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.regex.Pattern;

/** The dates feeds write: RFC 822 in RSS 2.0, ISO 8601 in Atom and Dublin Core. */
final class FeedDates {
  /** RFC 822 allows these zone names, which java.time's RFC 1123 parser does not know. */
  private static final Map<String, String> ZONES = Map.of("UT", "+0000", "UTC", "+0000",
      "EST", "-0500", "EDT", "-0400", "CST", "-0600", "CDT", "-0500", "MST", "-0700", "MDT", "-0600",
      "PST", "-0800", "PDT", "-0700");
  private static final Pattern ZONE_NAME = Pattern.compile("\\s([A-Z]{2,3})$");

  private FeedDates() {}

  /** The instant, or null when the text is no date we can read. */
  static Instant parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String s = text.strip().replaceAll("\\s+", " ");
    var zone = ZONE_NAME.matcher(s);
    if (zone.find() && ZONES.containsKey(zone.group(1))) {
      s = s.substring(0, zone.start(1)) + ZONES.get(zone.group(1));
    }
    try {
      return ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException notRfc822) {
      // ISO 8601 next
    }
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException notIsoDateTime) {
      // a bare date last
    }
    try {
      return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
