package io.newswatch.cli;

import io.newswatch.avro.EnrichedArticle;
import io.newswatch.avro.RawArticle;
import io.newswatch.enrich.Enricher;
import io.newswatch.enrich.dedup.InMemorySeenFingerprints;
import io.newswatch.enrich.dedup.NearDuplicates;
import io.newswatch.enrich.gazetteer.Gazetteer;

/**
 * The enrich stage without Kafka, for {@code tag} and {@code backtest}: the same
 * {@link Enricher} and the same near-duplicate logic, with the seen fingerprints in memory.
 */
final class OfflineEnrichment {
  private final Enricher enricher;
  private final NearDuplicates nearDuplicates;

  private OfflineEnrichment(Enricher enricher) {
    this.enricher = enricher;
    this.nearDuplicates = new NearDuplicates(new InMemorySeenFingerprints(NearDuplicates.DEFAULT_HORIZON.multipliedBy(2)));
  }

  static OfflineEnrichment with(EnrichmentOptions options) {
    return new OfflineEnrichment(options.enricher());
  }

  Gazetteer gazetteer() {
    return enricher.gazetteer();
  }

  EnrichedArticle enrich(RawArticle raw) {
    EnrichedArticle article = enricher.enrich(raw);
    article.setDuplicateOf(nearDuplicates.duplicateOf(article));
    return article;
  }
}
