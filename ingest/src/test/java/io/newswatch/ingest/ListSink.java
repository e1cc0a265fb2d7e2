package io.newswatch.ingest;

import io.newswatch.avro.RawArticle;
import java.util.ArrayList;
import java.util.List;

/** A sink that keeps what it is given, for tests. */
public final class ListSink implements ArticleSink {
  public record Rejection(String origin, long line, String input, String reason) {}

  public final List<RawArticle> articles = new ArrayList<>();
  public final List<Rejection> rejections = new ArrayList<>();

  @Override public synchronized boolean accept(RawArticle article) {
    articles.add(article);
    return true;
  }

  @Override public synchronized void reject(String origin, long line, String input, String reason) {
    rejections.add(new Rejection(origin, line, input, reason));
  }

  @Override public void flush() {}

  @Override public void close() {}
}
