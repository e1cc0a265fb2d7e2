package io.newswatch.alerts.detector;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.alerts.detector.PlaceState.Original;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class OriginalsTest {
  private static final long DAY = Duration.ofDays(1).toMillis();
  private static final long STORY = 0x5DEECE66DL * 0x9E3779B97F4A7C15L;
  /** Six bits of the story changed: the furthest a copy may be. */
  private static final long COPY = STORY ^ 0b111111L << 20;
  /** Seven bits changed: another story. */
  private static final long OTHER = STORY ^ 0b1111111L << 40;

  @Test
  void aCopyPointsAtTheFirstStoryWithinADayEitherSide() {
    Originals originals = new Originals(List.of());

    assertThat(originals.originalOf("a", STORY, DAY)).isNull();
    assertThat(originals.originalOf("b", COPY, DAY + DAY / 4)).isEqualTo("a");
    assertThat(originals.originalOf("c", STORY, 2 * DAY)).as("a day later").isEqualTo("a");
    assertThat(originals.originalOf("d", STORY, 1)).as("published a day before").isEqualTo("a");
    assertThat(originals.originalOf("e", OTHER, DAY)).as("seven bits away").isNull();
    assertThat(originals.originalOf("f", STORY, 2 * DAY + 1)).as("past the day").isNull();
    assertThat(originals.originalOf("g", STORY, 2 * DAY + 2)).as("a copy of the newer original").isEqualTo("f");
  }

  @Test
  void theSameArticleAgainIsItsOwnOriginal() {
    Originals originals = new Originals(List.of());
    originals.originalOf("a", STORY, DAY);

    assertThat(originals.originalOf("a", STORY, DAY)).isEqualTo("a");
    assertThat(originals.list()).hasSize(1);
  }

  @Test
  void copiesOfOriginalsKeptBeforeARestartAreFound() {
    Originals before = new Originals(List.of());
    before.originalOf("a", STORY, DAY);

    Originals restarted = new Originals(new ArrayList<>(before.list()));
    assertThat(restarted.originalOf("b", COPY, DAY + 1)).isEqualTo("a");
  }

  /**
   * A busy place keeps its latest stories, as many as a lookup may read: the same ones whatever
   * order they came in, so that a run on more partitions or after a restart keeps what a clean
   * run keeps.
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void aBusyPlaceKeepsItsLatestStoriesWhateverTheirOrder(long seed) {
    Random random = new Random(seed);
    List<Original> stories = new ArrayList<>();
    for (int i = 0; i < 3 * Originals.KEPT; i++) {
      stories.add(new Original("s" + i, random.nextLong(), DAY + 60_000L * random.nextInt(600)));
    }
    Originals inOrder = new Originals(List.of());
    stories.forEach(s -> assertThat(inOrder.originalOf(s.articleId(), s.fingerprint(), s.publishedAt())).isNull());
    Collections.shuffle(stories, random);
    Originals shuffled = new Originals(List.of());
    stories.forEach(s -> shuffled.originalOf(s.articleId(), s.fingerprint(), s.publishedAt()));

    assertThat(inOrder.list()).hasSize(Originals.KEPT).isEqualTo(shuffled.list());
    long latestKept = inOrder.list().get(0).publishedAt();
    assertThat(stories).filteredOn(s -> s.publishedAt() > latestKept).allMatch(inOrder.list()::contains);
  }

  @Test
  void storiesADayOlderThanTheLatestAreForgotten() {
    Originals originals = new Originals(List.of());
    originals.originalOf("old", STORY, DAY);
    originals.originalOf("new", OTHER, 2 * DAY + 1);

    assertThat(originals.list()).extracting(Original::articleId).containsExactly("new");
  }
}
