package io.newswatch.cli;

import io.newswatch.avro.EnrichedArticle;
import io.newswatch.avro.RawArticle;
import io.newswatch.enrich.Enricher;
import io.newswatch.enrich.dedup.InMemorySeenFingerprints;
import io.newswatch.enrich.dedup.NearDuplicates;
import io.newswatch.enrich.gazetteer.Gazetteer;
import java.nio.file.Files;
import java.nio.file.Path;

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

  /** With the bundled gazetteer, or with {@code gazetteerFile} when it is not null. */
  static OfflineEnrichment with(Path gazetteerFile) {
    if (gazetteerFile != null && !Files.isReadable(gazetteerFile)) {
      throw new UserError("cannot read --gazetteer " + gazetteerFile);
    }
    return new OfflineEnrichment(gazetteerFile == null ? Enricher.loadDefault() : Enricher.load(gazetteerFile));
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
