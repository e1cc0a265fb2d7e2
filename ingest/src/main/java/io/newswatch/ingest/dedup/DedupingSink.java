package io.newswatch.ingest.dedup;

import io.newswatch.avro.RawArticle;
import io.newswatch.ingest.ArticleSink;
import java.util.ArrayList;
import java.util.List;

/**
 * Passes each article on once: a copy of one already seen is not sent again. The ids
 * sent since the last flush are forgotten when that flush fails, so a retry sends them
 * (a possible duplicate is better than a lost article).
 */
public final class DedupingSink implements ArticleSink {
  private final ArticleSink next;
  private final SeenArticles seen;
  private final List<String> unflushed = new ArrayList<>();

  public DedupingSink(ArticleSink next, SeenArticles seen) {
    this.next = next;
    this.seen = seen;
  }

  @Override
  public boolean accept(RawArticle article) {
    if (!seen.firstSighting(article.getId())) {
      return false;
    }
    synchronized (unflushed) {
      unflushed.add(article.getId());
    }
    return next.accept(article);
  }

  @Override
  public void reject(String origin, long line, String input, String reason) {
    next.reject(origin, line, input, reason);
  }

  @Override
  public void flush() {
    List<String> sent;
    synchronized (unflushed) {
      sent = new ArrayList<>(unflushed);
      unflushed.clear();
    }
    try {
      next.flush();
    } catch (RuntimeException e) {
      seen.forget(sent);
      throw e;
    }
  }

  @Override
  public void close() {
    next.close();
  }
}
