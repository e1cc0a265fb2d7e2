package io.newswatch.ingest.feed;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the items of an RSS 2.0, RSS 1.0 (RDF) or Atom feed. DTDs are not processed and
 * external entities are never resolved, so an XXE or billion-laughs document is refused
 * instead of read; bytes that are not valid in the feed's encoding become U+FFFD instead
 * of failing the feed; an item with more text than the limit is refused on its own.
 */
public final class FeedParser {
  private static final String ATOM = "http://www.w3.org/2005/Atom";
  private static final String CONTENT = "http://purl.org/rss/1.0/modules/content/";
  private static final String RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
  private static final Set<String> ROOTS = Set.of("rss", "RDF", "feed");
  private static final Pattern DECLARED_ENCODING = Pattern.compile("^<\\?xml[^>]*encoding=[\"']([A-Za-z0-9._-]+)[\"']");
  private static final XMLInputFactory XML = XMLInputFactory.newFactory();

  static {
    XML.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    XML.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    XML.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    XML.setProperty(XMLInputFactory.IS_COALESCING, true);
  }

  /** The items that were read, and those refused, each with its reason and a sample. */
  public record Parsed(List<FeedItem> items, List<FeedRefused> refusedItems) {}

  private final int maxItemChars;

  public FeedParser(int maxItemChars) {
    this.maxItemChars = maxItemChars;
  }

  /**
   * @param charset the Content-Type's charset, or null
   * @throws FeedRefused when the document is not a feed, not well-formed, or uses a DTD
   */
  public Parsed parse(byte[] bytes, String charset) throws FeedRefused {
    String text = decode(bytes, charset);
    List<FeedItem> items = new ArrayList<>();
    List<FeedRefused> refused = new ArrayList<>();
    boolean dtd = false;
    try {
      XMLStreamReader r = XML.createXMLStreamReader(new StringReader(text));
      boolean rootSeen = false;
      while (r.hasNext()) {
        int event = r.next();
        if (event == XMLStreamConstants.DTD) {
          dtd = true;
        } else if (event == XMLStreamConstants.START_ELEMENT) {
          if (!rootSeen && !ROOTS.contains(r.getLocalName())) {
            throw new FeedRefused("not an RSS or Atom feed: the document is <" + r.getLocalName() + ">", sample(text));
          }
          rootSeen = true;
          if (r.getLocalName().equals("item") || r.getLocalName().equals("entry")) {
            readItem(r, items, refused);
          }
        }
      }
      if (!rootSeen) {
        throw new FeedRefused("not an RSS or Atom feed: no elements", sample(text));
      }
    } catch (XMLStreamException e) {
      String problem = e.getMessage().replaceAll("\\s+", " ").replaceFirst("^ParseError at \\[row,col\\]:", "at");
      throw new FeedRefused(dtd
          ? "feed uses a DTD, which is never processed (no external entities, no entity expansion): " + problem
          : "not well-formed XML: " + problem, sample(text));
    }
    return new Parsed(items, refused);
  }

  private void readItem(XMLStreamReader r, List<FeedItem> items, List<FeedRefused> refused)
      throws XMLStreamException {
    Item item = new Item();
    item.link = r.getAttributeValue(RDF, "about");
    while (r.next() != XMLStreamConstants.END_ELEMENT) {
      if (r.getEventType() != XMLStreamConstants.START_ELEMENT) {
        continue;
      }
      String name = r.getLocalName();
      boolean atom = ATOM.equals(r.getNamespaceURI());
      if (name.equals("link") && atom) {
        String rel = r.getAttributeValue(null, "rel");
        String href = r.getAttributeValue(null, "href");
        skip(r);
        if (rel == null || rel.equals("alternate")) {
          item.link = href;
        }
      } else if (name.equals("author") && atom) {
        item.author = readAtomPersonName(r, item);
      } else {
        boolean content = CONTENT.equals(r.getNamespaceURI());
        String text = readText(r, item);
        switch (name) {
          case "title" -> item.title = text;
          case "link" -> item.link = text;
          case "guid", "id" -> item.guid = text;
          case "encoded" -> item.content = content ? text : item.content;
          case "content" -> item.content = item.content == null ? text : item.content;
          case "description", "summary" -> item.summary = text;
          case "author", "creator" -> item.author = text;
          case "pubDate", "published", "date", "issued" -> item.published = text;
          case "updated", "modified" -> item.updated = text;
          default -> { }
        }
      }
    }
    FeedItem done = item.build();
    if (item.chars > maxItemChars) {
      refused.add(new FeedRefused("item has over " + maxItemChars + " characters of text", item.sample()));
    } else if (isBlank(done.title()) && isBlank(done.body())) {
      refused.add(new FeedRefused("item has no title and no description", item.sample()));
    } else {
      items.add(done);
    }
  }

  /** The text inside the current element, nested markup (Atom xhtml) dropped. */
  private String readText(XMLStreamReader r, Item item) throws XMLStreamException {
    StringBuilder text = new StringBuilder();
    for (int depth = 1; depth > 0; ) {
      int event = r.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        depth++;
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
      } else if (r.hasText()) {
        item.chars += r.getTextLength();
        if (text.length() <= maxItemChars) { // an oversized item is refused; its fields still name it
          text.append(r.getText());
        }
      }
    }
    return text.toString().strip();
  }

  private String readAtomPersonName(XMLStreamReader r, Item item) throws XMLStreamException {
    String name = null;
    while (r.next() != XMLStreamConstants.END_ELEMENT) {
      if (r.getEventType() == XMLStreamConstants.START_ELEMENT) {
        boolean isName = r.getLocalName().equals("name");
        String text = readText(r, item);
        name = isName ? text : name;
      }
    }
    return name;
  }

  private static void skip(XMLStreamReader r) throws XMLStreamException {
    for (int depth = 1; depth > 0; ) {
      int event = r.next();
      depth += event == XMLStreamConstants.START_ELEMENT ? 1 : event == XMLStreamConstants.END_ELEMENT ? -1 : 0;
    }
  }

  /**
   * The text in the encoding its XML declaration names, else the Content-Type's, else UTF-8;
   * bytes that are invalid in it become U+FFFD.
   */
  static String decode(byte[] bytes, String contentTypeCharset) {
    String head = new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.ISO_8859_1);
    if (head.startsWith("\u00ef\u00bb\u00bf")) {
      return decode(bytes, 3, StandardCharsets.UTF_8);
    }
    var declared = DECLARED_ENCODING.matcher(head);
    Charset charset = charset(declared.find() ? declared.group(1) : contentTypeCharset);
    return decode(bytes, 0, charset);
  }

  private static String decode(byte[] bytes, int offset, Charset charset) {
    try {
      return charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE)
          .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IllegalStateException("a replacing decoder does not throw", e);
    }
  }

  private static Charset charset(String name) {
    try {
      return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
    } catch (IllegalArgumentException unknown) {
      return StandardCharsets.UTF_8;
    }
  }

  private static String sample(String text) {
    return text.substring(0, Math.min(text.length(), FeedFetcher.SAMPLE_BYTES));
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  /** What has been read of one item so far. */
  private static final class Item {
    String title;
    String link;
    String guid;
    String content;
    String summary;
    String author;
    String published;
    String updated;
    long chars;

    FeedItem build() {
      Instant date = FeedDates.parse(published);
      return new FeedItem(title, link, guid, content != null ? content : summary, author,
          date != null ? date : FeedDates.parse(updated));
    }

    String sample() {
      ObjectNode json = JsonNodeFactory.instance.objectNode();
      json.put("title", cut(title)).put("link", link).put("guid", guid).put("body", cut(content != null ? content : summary));
      return json.toString();
    }

    private static String cut(String s) {
      return s == null ? null : s.substring(0, Math.min(s.length(), 1000));
    }
  }
}
