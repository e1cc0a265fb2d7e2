package io.newswatch.ingest.feed;

import java.time.Instant;

/**
 * One item of a feed as it was written: RSS {@code <item>} or Atom {@code <entry>}.
 *
 * @param body {@code content:encoded} or Atom content, else the description or summary
 * @param published the item's date, or null when it has none that can be read
 */
public record FeedItem(String title, String link, String guid, String body, String author, Instant published) {}
