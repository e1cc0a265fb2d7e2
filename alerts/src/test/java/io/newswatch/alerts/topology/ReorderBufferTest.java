package io.newswatch.alerts.topology;

import static io.newswatch.alerts.Donbas.DAY_ONE;
import static io.newswatch.alerts.Donbas.KOSTIANTYNIVKA;
import static io.newswatch.alerts.Donbas.article;
import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.avro.EnrichedArticle;
import io.newswatch.schemas.Topics;
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
    ReorderBuffer buffer = new ReorderBuffer(store, ARTICLES.deserializer());
    add(buffer, "1", ingested("c", 30));
    add(buffer, "1", ingested("a", 10));
    add(buffer, "2", ingested("b", 20));

    assertThat(buffer.releaseUpTo(at(20), 10)).extracting(kv -> kv.key + ":" + kv.value.getId())
        .containsExactly("1:a", "2:b");
    assertThat(buffer.releaseFirst(10)).extracting(kv -> kv.value.getId()).containsExactly("c");
    assertThat(buffer.releaseFirst(10)).isEmpty();
  }

  @Test
  void anArticleOvertakenOnItsWayIsReleasedAfterLaterOnesWent() {
    ReorderBuffer buffer = new ReorderBuffer(store, ARTICLES.deserializer());
    add(buffer, "1", ingested("b", 20));
    assertThat(buffer.releaseUpTo(at(20), 10)).extracting(kv -> kv.value.getId()).containsExactly("b");

    add(buffer, "1", ingested("a", 10));

    assertThat(buffer.releaseUpTo(at(20), 10)).extracting(kv -> kv.value.getId()).containsExactly("a");
  }

  @Test
  void aBufferOpenedAnewOnTheStoreReleasesWhatTheOldOneLeft() {
    ReorderBuffer before = new ReorderBuffer(store, ARTICLES.deserializer());
    add(before, "1", ingested("a", 10));
    add(before, "1", ingested("b", 20));
    before.releaseFirst(1);

    ReorderBuffer after = new ReorderBuffer(store, ARTICLES.deserializer());
    assertThat(after.size()).isEqualTo(1);
    assertThat(after.releaseFirst(10)).extracting(kv -> kv.value.getId()).containsExactly("b");
    assertThat(after.size()).isZero();
  }

  /** Random adds, some late, and releases of random size agree with sorting all that was added. */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5})
  void releasesFollowTheOrderWhateverTheInterleaving(int seed) {
    Random random = new Random(seed);
    ReorderBuffer buffer = new ReorderBuffer(store, ARTICLES.deserializer());
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
        List<KeyValue<String, EnrichedArticle>> released =
            all ? buffer.releaseFirst(limit) : buffer.releaseUpTo(at(upTo), limit);
        assertThat(released).extracting(kv -> kv.value.getId())
            .as("step %d", step).isEqualTo(expected.stream().map(EnrichedArticle::getId).toList());
        waiting.removeAll(expected);
      }
      assertThat(buffer.size()).as("step %d", step).isEqualTo(waiting.size());
    }
  }

  /** Adds as the detector does: the copy's bytes, ordered as the fan-out's header says. */
  private static void add(ReorderBuffer buffer, String placeKey, EnrichedArticle article) {
    buffer.add(placeKey, ARTICLES.serializer().serialize(null, article),
        ReorderBuffer.withOrder(new RecordHeaders(), article));
  }

  private static EnrichedArticle ingested(String id, long second) {
    return EnrichedArticle.newBuilder(article(id).about(KOSTIANTYNIVKA).build()).setPublishedAt(DAY_ONE)
        .setIngestedAt(at(second)).build();
  }

  private static Instant at(long second) {
    return DAY_ONE.plusSeconds(second);
  }
}
