package io.newswatch.alerts.topology;

import io.newswatch.alerts.detector.DetectorSettings;
import io.newswatch.alerts.detector.FeedVolume;
import io.newswatch.alerts.watchlist.Watchlist;
import io.newswatch.avro.EnrichedArticle;
import io.newswatch.avro.PlaceMention;
import io.newswatch.schemas.PublishedAt;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Re-keys an article by place: one record per watched place it mentions, keyed by the place
 * id, so that each place's articles meet its detector state on one partition. An article
 * dated after its record was written goes to the dead-letter topic ({@link PublishedAt}).
 *
 * <p>The copies leave encoded, with their place in the {@link ReorderBuffer}'s order as a header,
 * so the detector's task can hold them as they came without reading them.
 *
 * <p>Every article is counted in the feed's volume ({@link FeedVolume}) here, before any is
 * left out for its places: the detectors see only the watched places' articles, and the reports
 * a level needs scale with the whole feed's. This task reads one of the enriched topic's
 * partitions, which are keyed by article id, so its volume times their number is the feed's;
 * that goes with each copy as a header. The volume is kept in {@link AlertsTopology#FEED_VOLUME_STORE},
 * so that a restart carries on from it rather than from a feed not yet known.
 *
 * <p>It also tells every detector task how far it has read, in ingest time ({@link Progress}):
 * every {@link Progress#REPORT_EVERY}, a marker that goes to every partition of the by-place topic.
 */
final class PlaceFanOut implements Processor<String, EnrichedArticle, String, byte[]> {
  /** The key of this task's feed volume in its store, which holds nothing else. */
  private static final String FEED = "feed";

  private final WatchlistFactory watchlists;
  private final Serializer<EnrichedArticle> articles;
  private final DetectorSettings settings;
  private final int enrichedPartitions;
  private ProcessorContext<String, byte[]> context;
  private Progress.Reader progress;
  private Watchlist watchlist;
  private KeyValueStore<String, FeedVolume.State> volumeStore;
  /** Read from its store on the first article after {@link #init}, as the detectors read their places'. */
  private FeedVolume volume;

  PlaceFanOut(WatchlistFactory watchlists, Serializer<EnrichedArticle> articles, DetectorSettings settings,
      int enrichedPartitions) {
    this.watchlists = watchlists;
    this.articles = articles;
    this.settings = settings;
    this.enrichedPartitions = enrichedPartitions;
  }

  @Override
  public void init(ProcessorContext<String, byte[]> context) {
    this.context = context;
    this.watchlist = watchlists.open(context);
    this.volumeStore = context.getStateStore(AlertsTopology.FEED_VOLUME_STORE);
    this.volume = null;
    this.progress = new Progress.Reader(context.currentSystemTimeMs());
    int partition = context.taskId().partition();
    context.schedule(Progress.REPORT_EVERY, PunctuationType.WALL_CLOCK_TIME, now ->
        progress.due(now).ifPresent(report ->
            context.forward(Progress.marker(partition, report, progress.readUpTo()))));
  }

  @Override
  public void process(Record<String, EnrichedArticle> record) {
    EnrichedArticle article = record.value();
    if (article == null) {
      return;
    }
    PublishedAt.check(article.getPublishedAt(), record.timestamp());
    if (volume == null) {
      volume = FeedVolume.resume(settings, volumeStore.get(FEED));
    }
    volume.count(article.getPublishedAt());
    volumeStore.put(FEED, volume.state());
    // The article comes without its text and mentions (Topics#enrichedWithoutText). Each copy
    // carries its own place only, or an article naming n watched places would put n x n places
    // on the topic.
    Set<Long> forwarded = new HashSet<>();
    // the detector task's stream time is then the latest ingest time: see DetectProcessor
    long ingestedAt = article.getIngestedAt().toEpochMilli();
    progress.read(ingestedAt, context.currentSystemTimeMs());
    Headers headers = ReorderBuffer.headers(record.headers(), article, volume.perDay() * enrichedPartitions);
    for (PlaceMention place : article.getPlaces()) {
      if (watchlist.minLevel(place).isPresent() && forwarded.add(place.getGeonameId())) {
        EnrichedArticle forPlace = shallowCopy(article);
        forPlace.setPlaces(List.of(place));
        context.forward(record.withKey(Long.toString(place.getGeonameId()))
            .withValue(articles.serialize(null, forPlace)).withHeaders(headers).withTimestamp(ingestedAt));
      }
    }
  }

  /** The article's field values, shared: Avro's builders copy deeply, and a copy only replaces its places. */
  private static EnrichedArticle shallowCopy(EnrichedArticle article) {
    EnrichedArticle copy = new EnrichedArticle();
    article.getSchema().getFields().forEach(f -> copy.put(f.pos(), article.get(f.pos())));
    return copy;
  }
}
