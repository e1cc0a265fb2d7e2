package io.newswatch.ingest.feed;

import io.newswatch.avro.RawArticle;
import io.newswatch.ingest.article.ArticleIds;
import io.newswatch.ingest.article.CanonicalUrl;
import io.newswatch.ingest.article.PublishedTime;
import java.net.URI;
import java.time.Instant;

/** A feed item as a raw article, with the feed's host as its source. */
final class FeedArticles {
  private FeedArticles() {}

  static RawArticle of(FeedItem item, URI feed, Instant fetchedAt) {
    // Many feeds put the permalink only in the guid.
    String canonical = CanonicalUrl.of(item.link() != null ? item.link() : item.guid());
    PublishedTime time = PublishedTime.of(item.published(), fetchedAt);
    return RawArticle.newBuilder()
        .setId(ArticleIds.of(canonical, item.title(), item.body()))
        .setUrl(canonical)
        .setSource(feed.getHost())
        .setTitle(item.title() == null ? "" : item.title())
        .setBody(item.body() == null ? "" : item.body())
        .setAuthor(item.author() == null || item.author().isBlank() ? null : item.author())
        .setPublishedAt(time.at())
        .setPublishedAtEstimated(time.estimated())
        .setIngestedAt(fetchedAt)
        .build();
  }
}
