package io.newswatch.cli;

import io.newswatch.avro.RawArticle;
import io.newswatch.ingest.ArticleSink;
import io.newswatch.ingest.article.ArticleParser;
import io.newswatch.ingest.file.ImportSummary;
import io.newswatch.ingest.file.JsonLinesImporter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Raw articles read from a JSON Lines file (or "-" for standard input) by the same
 * importer as {@code newswatch ingest}, for the offline commands.
 */
public final class RawArticleFiles {
  private RawArticleFiles() {}

  /**
   * The file as UTF-8 text. Invalid bytes become U+FFFD, as in a feed, so that they spoil one
   * line (rejected or kept) instead of failing the import where they are met.
   */
  static Reader open(Path file) {
    if (file.toString().equals("-")) {
      return new InputStreamReader(System.in, StandardCharsets.UTF_8);
    }
    try {
      return new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new UserError("no such file: " + file);
    } catch (IOException e) {
      throw new UserError("cannot read " + file + ": " + e.getMessage());
    }
  }

  /** Every valid article of the file, once per id; each rejected line is reported on {@code err}. */
  public static List<RawArticle> read(Path file, PrintWriter err) throws IOException {
    Map<String, RawArticle> articles = new LinkedHashMap<>();
    ArticleSink collect = new ArticleSink() {
      @Override public boolean accept(RawArticle article) {
        return articles.putIfAbsent(article.getId(), article) == null;
      }
      @Override public void reject(String origin, long line, String input, String reason) {
        err.println(origin + ":" + line + ": skipped: " + reason);
      }
      @Override public void flush() {}
      @Override public void close() {}
    };
    try (Reader in = open(file)) {
      ImportSummary summary = new JsonLinesImporter(new ArticleParser(Clock.systemUTC()))
          .importFrom(file.toString(), in, collect);
      if (summary.rejected() > 0) {
        err.println(summary);
      }
    }
    return new ArrayList<>(articles.values());
  }
}
