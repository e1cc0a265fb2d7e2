package io.newswatch.ingest.feed;

import static io.newswatch.ingest.feed.Fixtures.atom;
import static io.newswatch.ingest.feed.Fixtures.atomEntry;
import static io.newswatch.ingest.feed.Fixtures.rss;
import static io.newswatch.ingest.feed.Fixtures.rssItem;
import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.avro.RawArticle;
import io.newswatch.ingest.ListSink;
import io.newswatch.ingest.dedup.DedupingSink;
import io.newswatch.ingest.dedup.SeenArticles;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FeedPollerTest {
  static final Instant NOW = Instant.parse("2025-11-20T12:00:00Z");
  static final Duration MINUTE = Duration.ofMinutes(1);

  final FixtureServer server;
  final ListSink stored = new ListSink();
  final MemoryStateStore states = new MemoryStateStore();

  FeedPollerTest() throws Exception {
    server = new FixtureServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  FeedPoller poller(FeedSpec... feeds) {
    return new FeedPoller(List.of(feeds), FeedLimits.defaults(), new DedupingSink(stored, new SeenArticles(1000)),
        states, Clock.fixed(NOW, ZoneOffset.UTC), 1);
  }

  FeedSpec feed(String path) {
    return new FeedSpec(server.url(path), MINUTE);
  }

  @Test
  void anArticleInTwoFeedsAndWithTrackingParametersIsSentOnce() {
    server.feed("/rss", rss(rssItem("https://example.org/a", "A", "Thu, 20 Nov 2025 10:00:00 GMT"),
        rssItem("https://example.org/b?utm_source=rss", "B", null)));
    server.feed("/atom", atom(atomEntry("https://EXAMPLE.org/b?fbclid=x#top", "B again", "2025-11-20T09:00:00Z")));
    FeedSpec rssFeed = feed("/rss");
    FeedSpec atomFeed = feed("/atom");
    FeedPoller poller = poller(rssFeed, atomFeed);

    poller.poll(rssFeed);
    poller.poll(atomFeed);
    poller.poll(rssFeed);

    assertThat(stored.articles).extracting(RawArticle::getUrl)
        .containsExactly("https://example.org/a", "https://example.org/b");
    assertThat(poller.state(atomFeed).getDuplicates()).isEqualTo(1);
    assertThat(poller.state(rssFeed).getNotModified()).isEqualTo(1);
    assertThat(poller.state(rssFeed).getNewItems()).isEqualTo(2);
  }

  @Test
  void aMissingOrFutureDateBecomesTheFetchTimeFlagged() {
    server.feed("/rss", rss(rssItem("https://example.org/future", "F", "Thu, 20 Nov 2099 10:00:00 GMT"),
        rssItem("https://example.org/none", "N", null), rssItem("https://example.org/ok", "O", "Thu, 20 Nov 2025 10:00:00 GMT")));
    FeedSpec rssFeed = feed("/rss");

    poller(rssFeed).poll(rssFeed);

    assertThat(stored.articles).extracting(a -> a.getTitle() + " " + a.getPublishedAt() + " " + a.getPublishedAtEstimated())
        .containsExactly("F " + NOW + " true", "N " + NOW + " true", "O 2025-11-20T10:00:00Z false");
    assertThat(stored.articles.get(0).getSource()).isEqualTo("127.0.0.1");
  }

  @Test
  void afterARestartOldItemsAreNotSentAgainAndNewOnesAre() throws Exception {
    String first = rssItem("https://example.org/1", "One", null);
    server.feed("/a", rss(first));
    FeedSpec feed = feed("/a");
    poller(feed).poll(feed);
    server.close();

    try (FixtureServer again = new FixtureServer()) {
      // A new server has no ETag in common: the feed comes back whole, with one new item.
      again.feed("/a", rss(rssItem("https://example.org/2", "Two", null), first));
      FeedSpec moved = new FeedSpec(again.url("/a"), MINUTE);
      states.saved.put(moved.url().toString(), states.saved.get(feed.url().toString()));
      // a restart: nothing in memory but what the state store kept
      new FeedPoller(List.of(moved), FeedLimits.defaults(), new DedupingSink(stored, new SeenArticles(1000)),
          states, Clock.fixed(NOW, ZoneOffset.UTC), 1).poll(moved);
    }

    assertThat(stored.articles).extracting(RawArticle::getTitle).containsExactly("One", "Two");
  }

  @Test
  void aHostileFeedIsDeadLetteredWithItsUrlWithoutCredentialsAndBacksOffWhileTheOthersFlow() {
    server.feed("/xxe", "<!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><rss><channel><item><title>&x;</title></item></channel></rss>");
    server.feed("/good", rss(rssItem("https://example.org/good", "Good", null)));
    FeedSpec hostile = feed("/xxe?cat=world&token=s3cret");
    FeedSpec good = feed("/good");
    FeedPoller poller = poller(hostile, good);

    Duration first = poller.poll(hostile);
    Duration second = poller.poll(hostile);
    poller.poll(good);

    assertThat(stored.articles).extracting(RawArticle::getTitle).containsExactly("Good");
    assertThat(stored.rejections).hasSize(2).first().satisfies(r -> {
      assertThat(r.origin()).isEqualTo(hostile.url().toString().replace("s3cret", "***"));
      assertThat(r.reason()).startsWith("feed uses a DTD");
      assertThat(r.input()).contains("<!ENTITY x SYSTEM").doesNotContain("root:");
    });
    assertThat(first).isEqualTo(MINUTE.multipliedBy(2));
    assertThat(second).isEqualTo(MINUTE.multipliedBy(4));
    assertThat(poller.state(hostile).getLastError()).startsWith("feed uses a DTD");
    assertThat(poller.state(good).getLastError()).isNull();
  }

  @Test
  void theBackoffStopsAtItsCapButNeverBelowTheInterval() {
    FeedPoller poller = poller();

    assertThat(poller.backoff(MINUTE, 30)).isEqualTo(Duration.ofHours(1));
    assertThat(poller.backoff(Duration.ofHours(2), 3)).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void requestsToOneHostAreSpacedByTheHostDelay() throws Exception {
    List<Instant> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
    server.on("/", exchange -> {
      requests.add(Instant.now());
      FixtureServer.sendWithEtag(exchange, rss());
    });
    List<FeedSpec> feeds = java.util.stream.IntStream.range(0, 4).mapToObj(i -> feed("/f" + i)).toList();
    try (FeedPoller poller = new FeedPoller(feeds, FeedLimits.defaults().withHostDelay(Duration.ofMillis(200)),
        stored, states, Clock.systemUTC(), 4)) {
      // The first request of a cold HTTP client can take longer than the delay, so that the
      // next one, sent on time, arrives with it; the server sees arrivals, so warm up first.
      poller.poll(feed("/warm-up"));
      requests.clear();
      poller.start();
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> requests.size() >= 4);
    }

    for (int i = 1; i < 4; i++) {
      assertThat(Duration.between(requests.get(i - 1), requests.get(i))).isGreaterThan(Duration.ofMillis(150));
    }
  }
}
