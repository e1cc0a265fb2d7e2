package io.newswatch.enrich.text;

import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

/** The clean text of an article: title, a blank line, then the body without markup. */
public final class ArticleText {
  private static final Pattern LOOKS_LIKE_HTML =
      Pattern.compile("<(?:[a-zA-Z][a-zA-Z0-9]*\\b[^>]*|/[a-zA-Z][a-zA-Z0-9]*\\s*|!--.*?--)>", Pattern.DOTALL);
  private static final Pattern SPACE_RUNS = Pattern.compile("[ \\t\\x0B\\f\\u00a0]+");
  private static final Pattern BLANK_LINE_RUNS = Pattern.compile("\\s*\\n\\s*\\n\\s*");

  private ArticleText() {}

  public static String of(String title, String body) {
    String cleanTitle = tidy(title == null ? "" : title);
    String cleanBody = body == null ? "" : tidy(LOOKS_LIKE_HTML.matcher(body).find() ? htmlToText(body) : body);
    return cleanBody.isEmpty() ? cleanTitle : cleanTitle + "\n\n" + cleanBody;
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
