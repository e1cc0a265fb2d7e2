package io.newswatch.alerts.topology;

import static io.newswatch.alerts.Donbas.DAY_ONE;
import static io.newswatch.alerts.Donbas.KOSTIANTYNIVKA;
import static io.newswatch.alerts.Donbas.article;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newswatch.avro.EnrichedArticle;
import io.newswatch.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReorderBufferTest {
  private static final Comparator<EnrichedArticle> ORDER = Comparator
      .comparing(EnrichedArticle::getIngestedAt)
      .thenComparing(EnrichedArticle::getPublishedAt)
      .thenComparing(EnrichedArticle::getId);

  private static final Serde<EnrichedArticle> ARTICLES = Topics.defaults().enriched().valueSerde();

  private KeyValueStore<String, byte[]> store;
  /** The feed's volume the fan-out sends with every article here but those of the feed tests. */
  private static final double FEED_PER_DAY = 400;

  /** What the buffer handed on, place key and article. */
  private final List<KeyValue<String, EnrichedArticle>> handedOn = new ArrayList<>();
  /** The feed's volume handed on with each article of {@link #handedOn}. */
  private final List<Double> feedsHandedOn = new ArrayList<>();
  private final List<Rejected> rejected = new ArrayList<>();
  /** The id of the article whose handling throws, if any. */
  private String failing;
  private boolean rejectingFails;

  private record Rejected(String placeKey, byte[] article, String reason) {}

  @BeforeEach
  void openStore() {
    store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("reorder"), Serdes.String(),
        Serdes.ByteArray())
        .withLoggingDisabled().build();
    MockProcessorContext<String, EnrichedArticle> context = new MockProcessorContext<>();
    store.init(context.getStateStoreContext(), store);
  }

  @Test
  void articlesComeOutByIngestTimeWhateverOrderTheyCameIn() {
    ReorderBuffer buffer = open();
    add(buffer, "1", ingested("c", 30));
    add(buffer, "1", ingested("a", 10));
    add(buffer, "2", ingested("b", 20));

    assertThat(released(() -> buffer.releaseUpTo(at(20), 10))).extracting(kv -> kv.key + ":" + kv.value.getId())
        .containsExactly("1:a", "2:b");
    assertThat(released(() -> releaseAll(buffer, 10))).extracting(kv -> kv.value.getId()).containsExactly("c");
    assertThat(released(() -> releaseAll(buffer, 10))).isEmpty();
  }

  @Test
  void anArticleOvertakenOnItsWayIsReleasedAfterLaterOnesWent() {
    ReorderBuffer buffer = open();
    add(buffer, "1", ingested("b", 20));
    assertThat(released(() -> buffer.releaseUpTo(at(20), 10))).extracting(kv -> kv.value.getId()).containsExactly("b");

    add(buffer, "1", ingested("a", 10));

    assertThat(released(() -> buffer.releaseUpTo(at(20), 10))).extracting(kv -> kv.value.getId()).containsExactly("a");
  }

  @Test
  void aBufferOpenedAnewOnTheStoreReleasesWhatTheOldOneLeft() {
    ReorderBuffer before = open();
    add(before, "1", ingested("a", 10));
    add(before, "1", ingested("b", 20));
    releaseAll(before, 1);

    ReorderBuffer after = open();
    assertThat(after.size()).isEqualTo(1);
    assertThat(released(() -> releaseAll(after, 10))).extracting(kv -> kv.value.getId()).containsExactly("b");
    assertThat(after.size()).isZero();
  }

  /** Random adds, some late, and releases of random size agree with sorting all that was added. */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5})
  void releasesFollowTheOrderWhateverTheInterleaving(int seed) {
    Random random = new Random(seed);
    ReorderBuffer buffer = open();
    List<EnrichedArticle> waiting = new ArrayList<>();
    long clock = 0;
    for (int step = 0; step < 2_000; step++) {
      int action = random.nextInt(10);
      if (action < 6) {
        clock += random.nextInt(5);
        EnrichedArticle added = ingested("n" + step, Math.max(0, clock - random.nextInt(30)));
        add(buffer, "7", added);
        waiting.add(added);
      } else {
        waiting.sort(ORDER);
        int limit = 1 + random.nextInt(8);
        boolean all = action == 9;
        long upTo = clock - random.nextInt(20);
        List<EnrichedArticle> expected = waiting.stream()
            .filter(a -> all || !a.getIngestedAt().isAfter(at(upTo))).limit(limit).toList();
        List<KeyValue<String, EnrichedArticle>> released = released(() -> {
          if (all) {
            releaseAll(buffer, limit);
          } else {
            buffer.releaseUpTo(at(upTo), limit);
          }
        });
        assertThat(released).extracting(kv -> kv.value.getId())
            .as("step %d", step).isEqualTo(expected.stream().map(EnrichedArticle::getId).toList());
        waiting.removeAll(expected);
      }
      assertThat(buffer.size()).as("step %d", step).isEqualTo(waiting.size());
    }
  }

  /**
   * One article among those released together cannot be read: it alone is rejected, as the
   * bytes it waited as, and leaves the buffer; the others are handed on in order.
   */
  @Test
  void anArticleThatCannotBeReadIsRejectedAloneAndTheOthersAreHandedOn() {
    ReorderBuffer buffer = open();
    add(buffer, "1", ingested("a", 10));
    byte[] unreadable = "not an article".getBytes(StandardCharsets.UTF_8);
    buffer.add("2", unreadable, ReorderBuffer.headers(new RecordHeaders(), ingested("b", 20), FEED_PER_DAY));
    add(buffer, "1", ingested("c", 30));

    assertThat(released(() -> releaseAll(buffer, 10))).extracting(kv -> kv.key + ":" + kv.value.getId())
        .containsExactly("1:a", "1:c");
    assertThat(rejected).singleElement().satisfies(r -> {
      assertThat(r.placeKey()).isEqualTo("2");
      assertThat(r.article()).isEqualTo(unreadable);
      assertThat(r.reason()).startsWith("not a readable EnrichedArticle");
    });
    assertThat(buffer.size()).isZero();
    assertThat(released(() -> releaseAll(buffer, 10))).isEmpty();
    assertThat(rejected).hasSize(1);
  }

  /** An article whose handling throws is rejected with that failure, and its neighbours go on. */
  @Test
  void anArticleWhoseHandlingFailsIsRejectedAloneWhenReleasedUpToATime() {
    ReorderBuffer buffer = open();
    failing = "b";
    add(buffer, "1", ingested("a", 10));
    add(buffer, "1", ingested("b", 20));
    add(buffer, "1", ingested("c", 30));
    add(buffer, "1", ingested("d", 40));

    buffer.releaseUpTo(at(30), 10);

    assertThat(handedOn).extracting(kv -> kv.value.getId()).containsExactly("a", "c");
    assertThat(rejected).singleElement().satisfies(r -> {
      assertThat(ARTICLES.deserializer().deserialize(null, r.article()).getId()).isEqualTo("b");
      assertThat(r.reason()).isEqualTo("b is bad");
    });
    assertThat(buffer.size()).isEqualTo(1);
  }

  /** When even the rejection fails, the article and those after it wait for the next release. */
  @Test
  void anArticleThatCouldNeitherBeHandedOnNorRejectedStillWaits() {
    ReorderBuffer buffer = open();
    add(buffer, "1", ingested("a", 10));
    add(buffer, "1", ingested("b", 20));
    add(buffer, "1", ingested("c", 30));
    failing = "b";
    rejectingFails = true;

    assertThatThrownBy(() -> releaseAll(buffer, 10)).hasMessage("the dead-letter topic is unavailable");
    assertThat(handedOn).extracting(kv -> kv.value.getId()).containsExactly("a");
    assertThat(buffer.size()).isEqualTo(2);

    rejectingFails = false;
    assertThat(released(() -> releaseAll(buffer, 10))).extracting(kv -> kv.value.getId()).containsExactly("c");
    assertThat(rejected).extracting(Rejected::reason).containsExactly("b is bad");
    assertThat(buffer.size()).isZero();
  }

  /** The feed's volume when the fan-out read an article waits with it, across a restart, and is handed on with it. */
  @Test
  void theFeedsVolumeWaitsWithTheArticleAndIsHandedOnWithIt() {
    ReorderBuffer buffer = open();
    EnrichedArticle thin = ingested("thin", 10);
    buffer.add("1", ARTICLES.serializer().serialize(null, thin), ReorderBuffer.headers(new RecordHeaders(), thin, 12.5));

    ReorderBuffer reopened = open();

    assertThat(released(() -> releaseAll(reopened, 10))).extracting(kv -> kv.value.getId()).containsExactly("thin");
    assertThat(feedsHandedOn).containsExactly(12.5);
  }

  /** A copy that the fan-out did not write, without its order and the feed's volume, is refused and does not wait. */
  @Test
  void aCopyWithoutTheFanOutsHeadersIsRefused() {
    ReorderBuffer buffer = open();
    byte[] bare = ARTICLES.serializer().serialize(null, ingested("bare", 10));

    assertThatThrownBy(() -> buffer.add("1", bare, new RecordHeaders()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("newswatch-order");
    assertThat(buffer.size()).isZero();
    assertThat(store.approximateNumEntries()).isZero();
  }

  /** Adds as the detector does: the copy's bytes, ordered and with the feed's volume as the fan-out's headers say. */
  private static void add(ReorderBuffer buffer, String placeKey, EnrichedArticle article) {
    buffer.add(placeKey, ARTICLES.serializer().serialize(null, article),
        ReorderBuffer.headers(new RecordHeaders(), article, FEED_PER_DAY));
  }

  /**
   * A buffer on the store that hands on to {@link #handedOn}, failing on the article
   * {@link #failing}, and rejects to {@link #rejected}.
   */
  private ReorderBuffer open() {
    return new ReorderBuffer(store, ARTICLES.deserializer(), new ReorderBuffer.Release() {
      @Override
      public void accept(String placeKey, EnrichedArticle article, double feedPerDay) {
        if (article.getId().equals(failing)) {
          throw new IllegalArgumentException(failing + " is bad");
        }
        handedOn.add(KeyValue.pair(placeKey, article));
        feedsHandedOn.add(feedPerDay);
      }

      @Override
      public void reject(String placeKey, byte[] article, RuntimeException failure) {
        if (rejectingFails) {
          throw new IllegalStateException("the dead-letter topic is unavailable");
        }
        rejected.add(new Rejected(placeKey, article, failure.getMessage()));
      }
    });
  }

  /** What {@code release} handed on. */
  private List<KeyValue<String, EnrichedArticle>> released(Runnable release) {
    handedOn.clear();
    feedsHandedOn.clear();
    release.run();
    return List.copyOf(handedOn);
  }

  private static EnrichedArticle ingested(String id, long second) {
    return EnrichedArticle.newBuilder(article(id).about(KOSTIANTYNIVKA).build()).setPublishedAt(DAY_ONE)
        .setIngestedAt(at(second)).build();
  }

  private static Instant at(long second) {
    return DAY_ONE.plusSeconds(second);
  }

  /** Releases the first {@code limit} waiting articles, whenever they were ingested. */
  private static void releaseAll(ReorderBuffer buffer, int limit) {
    buffer.releaseUpTo(Instant.ofEpochMilli(9_999_999_999_998L), limit);
  }
}
