package io.newswatch.alerts.detector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.newswatch.alerts.detector.PlaceState.Bucket;
import io.newswatch.alerts.detector.PlaceState.Rest;
import io.newswatch.alerts.detector.PlaceState.Story;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The window's running tallies always equal a recount of the reports it holds. */
class CoverageTest {
  private static final long HOUR = 3_600_000;

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
  void theTalliesEqualARecountWhateverArrivesAndLeaves(long seed) {
    Random random = new Random(seed);
    Coverage window = new Coverage(List.of());
    long newest = 0;
    List<String> ids = new ArrayList<>();
    for (int step = 0; step < 2_000; step++) {
      int action = random.nextInt(10);
      if (action == 0 && window.oldestBucket() != null) {
        window.dropOldest();
      } else if (action == 1) {
        newest += HOUR;
      } else if (window.full() || action == 2) {
        window.count(newest, new Rest(1, random.nextInt(2), random.nextDouble(), random.nextDouble(),
            List.of(outlet(random))));
      } else {
        String id = "a" + step;
        String echoOf = !ids.isEmpty() && random.nextInt(3) == 0 ? ids.get(random.nextInt(ids.size())) : null;
        ids.add(id);
        window.keep(newest, new Story(id, "t", null, outlet(random), newest, random.nextDouble(),
            random.nextDouble(), List.of(), List.of(), echoOf));
      }

      assertMatchesRecount(window);
      assertMatchesRecount(new Coverage(window.buckets()));
    }
  }

  private static void assertMatchesRecount(Coverage window) {
    List<Bucket> buckets = window.buckets();
    List<Story> stories = buckets.stream().flatMap(b -> b.stories().stream()).toList();
    List<Rest> rest = buckets.stream().map(Bucket::rest).filter(r -> r != null).toList();
    Set<String> outlets = new TreeSet<>();
    stories.forEach(s -> outlets.add(s.source()));
    rest.forEach(r -> outlets.addAll(r.outlets()));
    Set<String> storyIds = stories.stream()
        .map(s -> s.echoOf() == null ? s.articleId() : s.echoOf()).collect(Collectors.toSet());

    assertThat(window.reportCount()).isEqualTo(stories.size() + rest.stream().mapToInt(Rest::reports).sum());
    assertThat(window.storyCount()).isEqualTo(storyIds.size() + rest.stream().mapToInt(Rest::stories).sum());
    assertThat(window.outlets()).isEqualTo(outlets);
    assertThat(window.outletCount()).isEqualTo(outlets.size());
    assertThat(window.weight()).isCloseTo(stories.stream().mapToDouble(Story::weight).sum()
        + rest.stream().mapToDouble(Rest::weight).sum(), offset(1e-9));
    assertThat(window.full()).isEqualTo(stories.size() >= Detector.STORIES_KEPT);
    stories.forEach(s -> assertThat(window.contains(s.articleId())).isTrue());
  }

  private static String outlet(Random random) {
    return "outlet-" + random.nextInt(30) + ".example";
  }
}
