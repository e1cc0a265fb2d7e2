package io.newswatch.enrich.text;

import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

/**
 * The clean text of an article: title, a blank line, then the body without markup. A body
 * is read up to {@link #MAX_CHARS} characters, cut at a word boundary: a runaway page (a
 * feed that sends a whole site) costs bounded time and memory and is flagged, not refused.
 */
public final class ArticleText {
  /** About 15,000 words, thirty times a long news story. */
  public static final int MAX_CHARS = 100_000;

  private static final Pattern LOOKS_LIKE_HTML =
      Pattern.compile("<(?:[a-zA-Z][a-zA-Z0-9]*\\b[^>]*|/[a-zA-Z][a-zA-Z0-9]*\\s*|!--.*?--)>", Pattern.DOTALL);
  private static final Pattern SPACE_RUNS = Pattern.compile("[ \\t\\x0B\\f\\u00a0]+");
  private static final Pattern BLANK_LINE_RUNS = Pattern.compile("\\s*\\n\\s*\\n\\s*");

  private ArticleText() {}

  /** A clean text, and whether the body was cut. */
  public record Clean(String text, boolean truncated) {}

  public static String of(String title, String body) {
    return clean(title, body).text();
  }

  public static Clean clean(String title, String body) {
    String cleanTitle = tidy(cut(title == null ? "" : title, MAX_CHARS));
    if (body == null) {
      return new Clean(cleanTitle, false);
    }
    // Markup is cut generously first (tags take room), the text exactly after.
    String source = cut(body, 4 * MAX_CHARS);
    String text = tidy(LOOKS_LIKE_HTML.matcher(source).find() ? htmlToText(source) : source);
    String cleanBody = cut(text, MAX_CHARS);
    boolean truncated = source.length() < body.length() || cleanBody.length() < text.length();
    return new Clean(cleanBody.isEmpty() ? cleanTitle : cleanTitle + "\n\n" + cleanBody, truncated);
  }

  /** {@code s} up to {@code max} characters, ending at the last whitespace before the cut if any. */
  private static String cut(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int end = max;
    while (end > max / 2 && !Character.isWhitespace(s.charAt(end))) {
      end--;
    }
    return s.substring(0, end > max / 2 ? end : max).strip();
  }

  /** Text nodes in document order, a line break after each block element so paragraphs stay apart. */
  private static String htmlToText(String html) {
    StringBuilder out = new StringBuilder();
    Jsoup.parseBodyFragment(html).body().traverse(new NodeVisitor() {
      @Override
      public void head(Node node, int depth) {
        if (node instanceof TextNode text) {
          out.append(text.text());
        } else if (node instanceof Element element && element.nameIs("br")) {
          out.append('\n');
        }
      }

      @Override
      public void tail(Node node, int depth) {
        if (node instanceof Element element && element.isBlock()) {
          out.append("\n\n");
        }
      }
    });
    return out.toString();
  }

  private static String tidy(String s) {
    String spaced = SPACE_RUNS.matcher(s.replace("\r\n", "\n").replace('\r', '\n')).replaceAll(" ");
    return BLANK_LINE_RUNS.matcher(spaced).replaceAll("\n\n").strip();
  }
}
