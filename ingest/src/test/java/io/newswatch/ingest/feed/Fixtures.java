package io.newswatch.ingest.feed;

/** Fixture feeds in the three formats. */
public final class Fixtures {
  private Fixtures() {}

  /** An RSS 2.0 item. */
  public static String rssItem(String link, String title, String pubDate) {
    return "<item><title>" + title + "</title><link>" + link.replace("&", "&amp;") + "</link>"
        + "<description>About " + title + "</description>"
        + (pubDate == null ? "" : "<pubDate>" + pubDate + "</pubDate>") + "</item>";
  }

  public static String rss(String... items) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" "
        + "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
        + "<channel><title>Fixture</title><link>http://example.org/</link>" + String.join("", items)
        + "</channel></rss>";
  }

  /** An Atom entry. */
  public static String atomEntry(String link, String title, String published) {
    return "<entry><title>" + title + "</title><link rel=\"alternate\" href=\"" + link.replace("&", "&amp;") + "\"/>"
        + "<id>tag:example.org," + title.hashCode() + "</id><summary>About " + title + "</summary>"
        + (published == null ? "" : "<published>" + published + "</published>") + "</entry>";
  }

  public static String atom(String... entries) {
    return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">"
        + "<title>Fixture</title><id>urn:fixture</id>" + String.join("", entries) + "</feed>";
  }
}
