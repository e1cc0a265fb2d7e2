package io.newswatch.ingest.file;

import io.newswatch.avro.RawArticle;
import io.newswatch.ingest.ArticleSink;
import io.newswatch.ingest.article.Rejected;

/** Sends what an importer parses, rejects what it cannot, and counts both. */
final class ImportCounter {
  interface Parse {
    RawArticle get() throws Rejected;
  }

  private final String origin;
  private final ArticleSink sink;
  private long read;
  private long sent;
  private long duplicates;

  ImportCounter(String origin, ArticleSink sink) {
    this.origin = origin;
    this.sink = sink;
  }

  void offer(long line, String input, Parse parse) {
    read++;
    try {
      if (sink.accept(parse.get())) {
        sent++;
      } else {
        duplicates++;
      }
    } catch (Rejected e) {
      sink.reject(origin, line, input, e.getMessage());
    }
  }

  ImportSummary finish() {
    sink.flush();
    return new ImportSummary(origin, read, sent, duplicates, read - sent - duplicates);
  }
}
