package io.newswatch.ingest.dedup;

import io.newswatch.avro.RawArticle;
import io.newswatch.ingest.ArticleSink;
import io.newswatch.ingest.NotStored;
import java.util.ArrayList;
import java.util.List;

/**
 * Passes each article on once: a copy of one already seen is not sent again. When a flush
 * fails, the ids of the articles it could not store are forgotten, so that a retry sends them
 * and only them; when it does not say which, all the thread sent since its last flush (a
 * possible duplicate, which enrich drops by id, is better than a lost article).
 */
public final class DedupingSink implements ArticleSink {
  private final ArticleSink next;
  private final SeenArticles seen;
  /** Per thread, as {@link ArticleSink#flush()} is. */
  private final ThreadLocal<List<String>> unflushed = ThreadLocal.withInitial(ArrayList::new);

  public DedupingSink(ArticleSink next, SeenArticles seen) {
    this.next = next;
    this.seen = seen;
  }

  @Override
  public boolean accept(RawArticle article) {
    if (!seen.firstSighting(article.getId())) {
      return false;
    }
    unflushed.get().add(article.getId());
    return next.accept(article);
  }

  @Override
  public void reject(String origin, long line, String input, String reason) {
    next.reject(origin, line, input, reason);
  }

  @Override
  public void flush() {
    List<String> sent = unflushed.get();
    unflushed.remove();
    try {
      next.flush();
    } catch (NotStored e) {
      seen.forget(e.articleIds());
      throw e;
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
