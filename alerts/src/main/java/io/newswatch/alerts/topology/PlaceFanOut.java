package io.newswatch.alerts.topology;

import io.newswatch.alerts.watchlist.Watchlist;
import io.newswatch.avro.EnrichedArticle;
import io.newswatch.avro.PlaceMention;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Re-keys an article by place: one record per watched place it mentions, keyed by the place
 * id, so that each place's articles meet its detector state on one partition.
 */
final class PlaceFanOut implements Processor<String, EnrichedArticle, String, EnrichedArticle> {
  private final WatchlistFactory watchlists;
  private ProcessorContext<String, EnrichedArticle> context;
  private Watchlist watchlist;

  PlaceFanOut(WatchlistFactory watchlists) {
    this.watchlists = watchlists;
  }

  @Override
  public void init(ProcessorContext<String, EnrichedArticle> context) {
    this.context = context;
    this.watchlist = watchlists.open(context);
  }

  @Override
  public void process(Record<String, EnrichedArticle> record) {
    EnrichedArticle article = record.value();
    if (article == null) {
      return;
    }
    // the detector never reads the text: keep it out of the repartition topic
    EnrichedArticle slim = EnrichedArticle.newBuilder(article).setText("").build();
    Set<Long> forwarded = new HashSet<>();
    // the detector task's stream time is then the latest ingest time: see DetectProcessor
    long ingestedAt = article.getIngestedAt().toEpochMilli();
    for (PlaceMention place : article.getPlaces()) {
      if (watchlist.minLevel(place).isPresent() && forwarded.add(place.getGeonameId())) {
        context.forward(record.withKey(Long.toString(place.getGeonameId())).withValue(slim)
            .withTimestamp(ingestedAt));
      }
    }
  }
}
