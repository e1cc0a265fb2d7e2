package io.newswatch.ingest.file;

import io.newswatch.avro.RawArticle;
import io.newswatch.ingest.ArticleSink;
import io.newswatch.ingest.article.Rejected;
import java.util.ArrayList;
import java.util.List;

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
  private final List<ImportSummary.Rejection> firstRejections = new ArrayList<>();

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
      if (firstRejections.size() < ImportSummary.REJECTIONS_KEPT) {
        firstRejections.add(new ImportSummary.Rejection(line, e.getMessage()));
      }
      sink.reject(origin, line, input, e.getMessage());
    }
  }

  ImportSummary finish() {
    sink.flush();
    return new ImportSummary(origin, read, sent, duplicates, read - sent - duplicates, firstRejections);
  }
}
