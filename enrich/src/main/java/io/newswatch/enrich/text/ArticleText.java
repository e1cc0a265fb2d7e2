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
    String text = tidy(source.indexOf('<') >= 0 && LOOKS_LIKE_HTML.matcher(source).find() ? htmlToText(source) : source);
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

  /**
   * Line ends as {@code \n}, runs of spaces as one space, a run of blank space holding two or
   * more line ends as one blank line, no space at either end. One pass over the text, where
   * each regular expression would make one of its own.
   */
  private static String tidy(String s) {
    if (isTidy(s)) {
      return s; // most texts: nothing to change, nothing to copy
    }
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length()) {
      int wordStart = i;
      while (i < s.length() && !isSpace(s.charAt(i))) {
        i++;
      }
      out.append(s, wordStart, i);
      if (i == s.length()) {
        break;
      }
      int runStart = out.length();
      int lineEnds = 0;
      boolean pendingSpace = false;
      for (; i < s.length() && isSpace(s.charAt(i)); i++) {
        char c = s.charAt(i);
        if (c == '\n' || c == '\r') {
          boolean crlf = c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n';
          i += crlf ? 1 : 0;
          lineEnds++;
          out.append(pendingSpace ? " \n" : "\n");
          pendingSpace = false;
        } else {
          pendingSpace = true;
        }
      }
      if (pendingSpace) {
        out.append(' ');
      }
      if (lineEnds >= 2) {
        out.setLength(runStart);
        out.append("\n\n");
      }
    }
    return out.toString().strip();
  }

  /** Whether {@code s} is tidy already: single spaces, paragraphs apart by one blank line. */
  private static boolean isTidy(String s) {
    if (s.isEmpty()) {
      return true;
    }
    if (isSpace(s.charAt(0)) || isSpace(s.charAt(s.length() - 1))) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ' ') {
        if (isSpace(s.charAt(i + 1))) {
          return false;
        }
      } else if (c == '\n') {
        if (s.charAt(i + 1) != '\n' || isSpace(s.charAt(i + 2))) {
          return false;
        }
        i++;
      } else if (isSpace(c)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u000B' || c == '\f' || c == '\u00a0';
  }
}
