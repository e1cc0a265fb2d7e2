package io.newswatch.ingest.feed;

import io.newswatch.avro.FeedState;
import io.newswatch.avro.RawArticle;
import io.newswatch.ingest.ArticleSink;
import io.newswatch.web.RedactedUrl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls feeds concurrently, each at its interval, requests to one host spaced by the
 * host delay, a failing feed backing off exponentially. After each poll the feed's state
 * (validators, recent item ids, counts) is saved, once its new items are stored: a
 * restart then neither sends an item twice nor skips one. A feed that fails or is refused
 * touches no other feed.
 */
public final class FeedPoller implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FeedPoller.class);
  /** Item ids remembered per feed: more than a feed lists at once. */
  static final int RECENT_IDS = 1000;

  private final List<FeedSpec> feeds;
  private final FeedLimits limits;
  private final FeedFetcher fetcher;
  private final FeedParser parser;
  private final ArticleSink sink;
  private final FeedStateStore store;
  private final Clock clock;
  private final Map<String, FeedState> states = new ConcurrentHashMap<>();
  private final Map<String, Instant> hostFreeAt = new HashMap<>();
  private final ScheduledExecutorService scheduler;

  public FeedPoller(List<FeedSpec> feeds, FeedLimits limits, ArticleSink sink, FeedStateStore store, Clock clock,
      int threads) {
    this.feeds = List.copyOf(feeds);
    this.limits = limits;
    this.fetcher = new FeedFetcher(limits);
    this.parser = new FeedParser(limits.maxItemChars());
    this.sink = sink;
    this.store = store;
    this.clock = clock;
    this.scheduler = Executors.newScheduledThreadPool(threads, r -> {
      Thread t = new Thread(r, "newswatch-feeds");
      t.setDaemon(true);
      return t;
    });
    store.load().forEach((url, state) -> states.put(url, state));
  }

  public List<FeedSpec> feeds() {
    return feeds;
  }

  /** Starts polling every feed, now. */
  public FeedPoller start() {
    feeds.forEach(feed -> schedule(feed, Duration.ZERO));
    LOG.info("polling {} feeds", feeds.size());
    return this;
  }

  /** The feed's state as of its last poll (empty before the first). */
  public FeedState state(FeedSpec feed) {
    String url = feed.url().toString();
    return states.getOrDefault(url, FeedState.newBuilder().setUrl(url).build());
  }

  private void schedule(FeedSpec feed, Duration delay) {
    if (!scheduler.isShutdown()) {
      scheduler.schedule(() -> politely(feed), delay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void politely(FeedSpec feed) {
    Duration wait = reserveHost(feed.url().getHost());
    if (wait.isZero()) {
      pollAndReschedule(feed);
    } else if (!scheduler.isShutdown()) {
      scheduler.schedule(() -> pollAndReschedule(feed), wait.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** Books the host's next free slot; returns how long until it. */
  private synchronized Duration reserveHost(String host) {
    Instant now = clock.instant();
    Instant start = hostFreeAt.getOrDefault(host, now);
    start = start.isBefore(now) ? now : start;
    hostFreeAt.put(host, start.plus(limits.hostDelay()));
    return Duration.between(now, start);
  }

  private void pollAndReschedule(FeedSpec feed) {
    Duration next = feed.interval();
    try {
      next = poll(feed);
    } catch (RuntimeException e) {
      LOG.error("feed {}: unexpected failure", RedactedUrl.of(feed.url().toString()), e);
    }
    schedule(feed, next);
  }

  /** Polls the feed once and saves its state; returns the wait before the next poll. */
  Duration poll(FeedSpec feed) {
    String url = feed.url().toString();
    FeedState before = state(feed);
    Instant now = clock.instant();
    FeedState after;
    try {
      FeedFetcher.Result result = fetcher.fetch(feed.url(), before.getEtag(), before.getLastModified());
      FeedState.Builder success = FeedState.newBuilder(before).setFetches(before.getFetches() + 1)
          .setConsecutiveFailures(0).setLastSuccess(now).setLastError(null);
      if (result instanceof FeedFetcher.Body body) {
        read(feed, body, success, now);
      } else {
        success.setNotModified(before.getNotModified() + 1);
      }
      after = success.build();
    } catch (FeedRefused e) {
      LOG.warn("feed {}: {}", RedactedUrl.of(url), e.getMessage());
      after = failed(before, e.getMessage(), e.sample() == null ? 0 : 1);
      if (e.sample() != null) {
        sink.reject(RedactedUrl.of(url), 0, e.sample(), e.getMessage());
        sink.flush();
      }
    } catch (RuntimeException e) {
      // Kafka could not store the items: keep the old validators so the next poll retries.
      LOG.warn("feed {}: items not stored: {}", RedactedUrl.of(url), e.toString());
      after = failed(before, "items not stored: " + e.getMessage(), 0);
    }
    states.put(url, after);
    store.save(after);
    return after.getConsecutiveFailures() == 0 ? feed.interval() : backoff(feed.interval(), after.getConsecutiveFailures());
  }

  private void read(FeedSpec feed, FeedFetcher.Body body, FeedState.Builder state, Instant now) throws FeedRefused {
    String url = feed.url().toString();
    FeedParser.Parsed parsed = parser.parse(body.bytes(), body.charset());
    for (FeedRefused item : parsed.refusedItems()) {
      sink.reject(RedactedUrl.of(url), 0, item.sample(), item.getMessage());
    }
    Set<String> recent = new HashSet<>(state.getRecentIds());
    List<String> ids = new ArrayList<>();
    long fresh = 0;
    long copies = 0;
    for (FeedItem item : parsed.items()) {
      RawArticle article = FeedArticles.of(item, feed.url(), now);
      ids.add(article.getId());
      if (recent.contains(article.getId())) {
        continue; // still listed since an earlier poll
      }
      if (sink.accept(article)) {
        fresh++;
      } else {
        copies++;
      }
    }
    sink.flush();
    state.setEtag(body.etag()).setLastModified(body.lastModified())
        .setRecentIds(recentIds(ids, state.getRecentIds()))
        .setNewItems(state.getNewItems() + fresh)
        .setDuplicates(state.getDuplicates() + copies)
        .setRejected(state.getRejected() + parsed.refusedItems().size());
  }

  private static FeedState failed(FeedState before, String reason, int rejected) {
    return FeedState.newBuilder(before).setFetches(before.getFetches() + 1)
        .setFailures(before.getFailures() + 1)
        .setConsecutiveFailures(before.getConsecutiveFailures() + 1)
        .setRejected(before.getRejected() + rejected)
        .setLastError(reason)
        .build();
  }

  /** The ids listed now, then those remembered from before, up to the cap. */
  private static List<String> recentIds(List<String> listed, List<String> remembered) {
    Set<String> ids = new LinkedHashSet<>(listed);
    int cap = Math.max(RECENT_IDS, listed.size());
    for (String id : remembered) {
      if (ids.size() >= cap) {
        break;
      }
      ids.add(id);
    }
    return new ArrayList<>(ids);
  }

  /** The interval doubled per failure in a row, up to the longest backoff. */
  Duration backoff(Duration interval, int failures) {
    Duration cap = interval.compareTo(limits.maxBackoff()) > 0 ? interval : limits.maxBackoff();
    Duration wait = interval.multipliedBy(1L << Math.min(failures, 20));
    return wait.compareTo(cap) > 0 ? cap : wait;
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    try {
      if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warn("a feed fetch was still running at stop; its feed is polled again at the next start");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
