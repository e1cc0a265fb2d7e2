package io.newswatch.ingest;

import io.newswatch.avro.RawArticle;

/** Where a source puts what it read: articles, and input it had to reject. */
public interface ArticleSink extends AutoCloseable {
  /**
   * Stores an article.
   *
   * @return false when it is a copy of an article already stored (same id), which is
   *     then not stored again
   */
  boolean accept(RawArticle article);

  /**
   * Input that is not a valid article: kept, never dropped, with the reason.
   *
   * @param origin where it came from (a file name, "stdin", a feed URL)
   * @param line its line number in the origin, or 0 when it has none
   */
  void reject(String origin, long line, String input, String reason);

  /**
   * Blocks until everything this thread accepted or rejected since its last flush is stored.
   * Per thread, because feeds, pushes and imports share one sink: each learns whether its own
   * articles were stored, and a failure of one is not reported to, or hidden from, another.
   *
   * @throws NotStored when some of them could not be stored; the sink stays usable
   */
  void flush();

  @Override
  void close();
}
