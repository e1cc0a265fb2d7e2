package io.newswatch.ingest.file;

import io.newswatch.ingest.ArticleSink;
import io.newswatch.ingest.article.ArticleParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Imports raw articles from JSON Lines, one article per line. A malformed line is
 * rejected with its line number and the rest go on; blank lines are skipped.
 */
public final class JsonLinesImporter {
  private final ArticleParser parser;

  public JsonLinesImporter(ArticleParser parser) {
    this.parser = parser;
  }

  public ImportSummary importFrom(String origin, Reader input, ArticleSink sink) throws IOException {
    ImportCounter count = new ImportCounter(origin, sink);
    long lineNumber = 0;
    BufferedReader lines = new BufferedReader(ByteOrderMark.skipped(input));
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      lineNumber++;
      if (!line.isBlank()) {
        String text = line;
        count.offer(lineNumber, text, () -> parser.parse(text));
      }
    }
    return count.finish();
  }
}
