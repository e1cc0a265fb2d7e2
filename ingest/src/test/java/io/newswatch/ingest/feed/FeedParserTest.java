package io.newswatch.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedParserTest {
  final FeedParser parser = new FeedParser(10_000);

  FeedParser.Parsed parse(String xml) throws FeedRefused {
    return parser.parse(xml.getBytes(StandardCharsets.UTF_8), null);
  }

  @Test
  void readsRss2WithContentEncodedAuthorAndDate() throws Exception {
    var items = parse("""
        <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
        <channel><title>Desk</title><item>
          <title>Shelling in Kostiantynivka</title>
          <link>https://example.org/a?utm_source=rss</link>
          <description>short</description>
          <content:encoded><![CDATA[<p>The <b>full</b> story</p>]]></content:encoded>
          <dc:creator>Olena K.</dc:creator>
          <pubDate>Thu, 20 Nov 2025 14:05:00 GMT</pubDate>
        </item></channel></rss>""").items();

    assertThat(items).containsExactly(new FeedItem("Shelling in Kostiantynivka", "https://example.org/a?utm_source=rss",
        null, "<p>The <b>full</b> story</p>", "Olena K.", Instant.parse("2025-11-20T14:05:00Z")));
  }

  @Test
  void readsRss1RdfItems() throws Exception {
    var items = parse("""
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
            xmlns:dc="http://purl.org/dc/elements/1.1/">
          <channel rdf:about="https://example.org/"><title>Desk</title></channel>
          <item rdf:about="https://example.org/b"><title>Kramatorsk</title><description>text</description>
            <dc:date>2025-11-20T10:00:00+02:00</dc:date></item>
        </rdf:RDF>""").items();

    assertThat(items).singleElement().satisfies(i -> {
      assertThat(i.link()).isEqualTo("https://example.org/b");
      assertThat(i.published()).isEqualTo(Instant.parse("2025-11-20T08:00:00Z"));
    });
  }

  @Test
  void readsAtomEntriesWithTheAlternateLinkAndTheAuthorsName() throws Exception {
    var items = parse("""
        <feed xmlns="http://www.w3.org/2005/Atom"><title>Desk</title>
          <entry><title>Bakhmut</title><link rel="self" href="https://example.org/self"/>
            <link href="https://example.org/c"/><id>urn:c</id>
            <author><name>Ivan</name><email>i@example.org</email></author>
            <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Heavy <b>fighting</b></div></content>
            <updated>2025-11-20T10:00:00Z</updated></entry>
        </feed>""").items();

    assertThat(items).containsExactly(new FeedItem("Bakhmut", "https://example.org/c", "urn:c", "Heavy fighting",
        "Ivan", Instant.parse("2025-11-20T10:00:00Z")));
  }

  @Test
  void anXxeEntityIsRefusedAndTheFileIsNeverRead(@TempDir Path dir) throws Exception {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-CONTENT");
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
        + "<rss><channel><item><title>&xxe;</title></item></channel></rss>";

    assertThatThrownBy(() -> parse(xxe)).isInstanceOf(FeedRefused.class)
        .hasMessageStartingWith("feed uses a DTD, which is never processed")
        .satisfies(e -> assertThat(((FeedRefused) e).sample()).contains("<!ENTITY xxe").doesNotContain("TOP-SECRET"))
        .message().doesNotContain("TOP-SECRET");
  }

  @Test
  void aBillionLaughsDocumentIsRefusedWithoutExpandingIt() {
    StringBuilder dtd = new StringBuilder("<!DOCTYPE rss [<!ENTITY lol \"lol\">");
    for (int i = 1; i <= 9; i++) {
      dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("\">");
    }
    String bomb = dtd + "]><rss><channel><item><title>&lol9;</title></item></channel></rss>";

    assertThatThrownBy(() -> parse(bomb)).isInstanceOf(FeedRefused.class).hasMessageContaining("DTD");
  }

  @Test
  void invalidUtf8BecomesReplacementCharactersAndTheFeedIsRead() throws Exception {
    byte[] head = "<rss><channel><item><title>Kyiv ".getBytes(StandardCharsets.UTF_8);
    byte[] tail = " news</title></item></channel></rss>".getBytes(StandardCharsets.UTF_8);
    byte[] xml = new byte[head.length + 2 + tail.length];
    System.arraycopy(head, 0, xml, 0, head.length);
    xml[head.length] = (byte) 0xC3;
    xml[head.length + 1] = (byte) 0x28; // not a continuation byte
    System.arraycopy(tail, 0, xml, head.length + 2, tail.length);

    assertThat(parser.parse(xml, "utf-8").items()).extracting(FeedItem::title).containsExactly("Kyiv \uFFFD( news");
  }

  @Test
  void theXmlDeclarationsEncodingIsUsed() throws Exception {
    byte[] xml = "<?xml version=\"1.0\" encoding=\"windows-1251\"?><rss><channel><item><title>\u041a\u0438\u0457\u0432</title></item></channel></rss>"
        .getBytes("windows-1251");

    assertThat(parser.parse(xml, null).items()).extracting(FeedItem::title).containsExactly("\u041a\u0438\u0457\u0432");
  }

  @Test
  void anOversizedItemIsRefusedAloneAndTheOthersAreRead() throws Exception {
    var parsed = parse(Fixtures.rss(Fixtures.rssItem("https://example.org/big", "x".repeat(20_000), null),
        Fixtures.rssItem("https://example.org/ok", "Fine", null)));

    assertThat(parsed.items()).extracting(FeedItem::title).containsExactly("Fine");
    assertThat(parsed.refusedItems()).singleElement().satisfies(r -> {
      assertThat(r.getMessage()).isEqualTo("item has over 10000 characters of text");
      assertThat(r.sample()).contains("https://example.org/big");
    });
  }

  @Test
  void htmlIsNotAFeed() {
    assertThatThrownBy(() -> parse("<html><body>Not found</body></html>"))
        .hasMessage("not an RSS or Atom feed: the document is <html>");
  }

  @Test
  void brokenXmlIsRefusedWithWhereItBroke() {
    assertThatThrownBy(() -> parse("<rss><channel><item><title>unclosed</channel></rss>"))
        .hasMessageStartingWith("not well-formed XML: at");
  }
}
