package io.newswatch.alerts.detector;

import io.newswatch.alerts.detector.PlaceState.Bucket;
import io.newswatch.alerts.detector.PlaceState.Rest;
import io.newswatch.alerts.detector.PlaceState.Story;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The reports in a place's window, by bucket: those kept in full and those only counted
 * ({@link Rest}, beyond {@link Detector#STORIES_KEPT}), which add to the counts and outlets but
 * not to the actors, cues and evidence. The counts the detector judges every article by (its
 * stories and outlets) are kept up to date as reports arrive and buckets leave, so judging a
 * window costs the same however many reports it holds; what only an alert shows is summed up
 * when it is raised.
 */
final class Coverage {
  /** Every bucket with a report, kept or counted, has an entry here, empty when all are counted. */
  private final TreeMap<Long, List<Story>> kept = new TreeMap<>();
  private final TreeMap<Long, Rest> counted = new TreeMap<>();
  /** The kept reports' articles: one each, as the detector never keeps an article twice. */
  private final Set<String> articleIds = new HashSet<>();
  /** How many kept reports tell each story (an echo tells its original's). */
  private final Map<String, Integer> storyReports = new HashMap<>();
  /** How many kept reports and counted buckets each outlet has in the window. */
  private final Map<String, Integer> outletShares = new HashMap<>();
  private int countedReports;
  private int countedStories;

  Coverage(List<Bucket> buckets) {
    for (Bucket b : buckets) {
      b.stories().forEach(s -> keep(b.start(), s));
      kept.computeIfAbsent(b.start(), start -> new ArrayList<>());
      if (b.rest() != null) {
        count(b.start(), b.rest());
      }
    }
  }

  /** The window's buckets, oldest first, as the place's state stores them. */
  List<Bucket> buckets() {
    List<Bucket> buckets = new ArrayList<>();
    kept.forEach((start, stories) -> buckets.add(new Bucket(start, stories, counted.get(start))));
    return buckets;
  }

  boolean contains(String articleId) {
    return articleIds.contains(articleId);
  }

  boolean hasOutlet(String outlet) {
    return outletShares.containsKey(outlet);
  }

  /** True when a further report would only be counted. */
  boolean full() {
    return articleIds.size() >= Detector.STORIES_KEPT;
  }

  void keep(long bucket, Story story) {
    kept.computeIfAbsent(bucket, b -> new ArrayList<>()).add(story);
    articleIds.add(story.articleId());
    storyReports.merge(storyId(story), 1, Integer::sum);
    outletShares.merge(outletOf(story), 1, Integer::sum);
  }

  void count(long bucket, Rest report) {
    kept.computeIfAbsent(bucket, b -> new ArrayList<>());
    Rest before = counted.get(bucket);
    report.outlets().stream()
        .filter(o -> before == null || !before.outlets().contains(o))
        .forEach(o -> outletShares.merge(o, 1, Integer::sum));
    counted.put(bucket, before == null ? report : before.plus(report));
    countedReports += report.reports();
    countedStories += report.stories();
  }

  /** The oldest bucket with reports, or null when the window has none. */
  Long oldestBucket() {
    return kept.isEmpty() ? null : kept.firstKey();
  }

  /** Takes the oldest bucket out of the window, returning its outlets. */
  Set<String> dropOldest() {
    Map.Entry<Long, List<Story>> oldest = kept.pollFirstEntry();
    Set<String> outlets = new TreeSet<>();
    for (Story story : oldest.getValue()) {
      articleIds.remove(story.articleId());
      storyReports.computeIfPresent(storyId(story), (id, n) -> n == 1 ? null : n - 1);
      outlets.add(release(outletOf(story)));
    }
    Rest rest = counted.remove(oldest.getKey());
    if (rest != null) {
      rest.outlets().forEach(o -> outlets.add(release(o)));
      countedReports -= rest.reports();
      countedStories -= rest.stories();
    }
    return outlets;
  }

  /** What a bucket of the window got. */
  PlaceState.Count countOf(long bucket) {
    return new Bucket(bucket, kept.getOrDefault(bucket, List.of()), counted.get(bucket)).count();
  }

  /** The weight of a bucket's reports, kept and counted, summed in one order whatever came before. */
  double weightOf(long bucket) {
    double weight = 0;
    for (Story story : kept.getOrDefault(bucket, List.of())) {
      weight += story.weight();
    }
    Rest rest = counted.get(bucket);
    return rest == null ? weight : weight + rest.weight();
  }

  /** Reports weighted by how much they are about the place, echoes weighing less. */
  double weight() {
    double weight = 0;
    for (long bucket : kept.keySet()) {
      weight += weightOf(bucket);
    }
    return weight;
  }

  /** Stories and their echoes by other outlets. */
  int reportCount() {
    return articleIds.size() + countedReports;
  }

  /** Distinct stories: an echoed story counts once, even when its original is older. */
  int storyCount() {
    return storyReports.size() + countedStories;
  }

  int outletCount() {
    return outletShares.size();
  }

  int outletCount(Predicate<String> which) {
    return (int) outletShares.keySet().stream().filter(which).count();
  }

  SortedSet<String> outlets() {
    return new TreeSet<>(outletShares.keySet());
  }

  double meanIntensity() {
    double sum = reports().mapToDouble(Story::intensity).sum()
        + counted.values().stream().mapToDouble(Rest::intensity).sum();
    int count = reportCount();
    return count == 0 ? 0 : sum / count;
  }

  /** The actors named in the most reports. */
  List<String> topActors(int n) {
    return mostCommon(Story::actors, n);
  }

  /** The intensity cues found in the most reports. */
  List<String> topCues(int n) {
    return mostCommon(Story::cues, n);
  }

  /** The reports to show first: about the place, intense, early (the ones that started it). */
  List<Story> topStories(int n) {
    return reports()
        .sorted(Comparator.comparingDouble(Story::weight).reversed()
            .thenComparing(Comparator.comparingDouble(Story::intensity).reversed())
            .thenComparingLong(Story::publishedAt)
            .thenComparing(Story::articleId))
        .limit(n)
        .toList();
  }

  private Stream<Story> reports() {
    return kept.values().stream().flatMap(List::stream);
  }

  /** One share fewer of an outlet, returning it. */
  private String release(String outlet) {
    outletShares.computeIfPresent(outlet, (o, n) -> n == 1 ? null : n - 1);
    return outlet;
  }

  private static String outletOf(Story story) {
    return Outlets.of(story.source(), story.url());
  }

  private static String storyId(Story s) {
    return s.echoOf() == null ? s.articleId() : s.echoOf();
  }

  private List<String> mostCommon(Function<Story, List<String>> terms, int n) {
    Map<String, Integer> counts = new HashMap<>();
    reports().forEach(story -> terms.apply(story).stream().distinct().forEach(t -> counts.merge(t, 1, Integer::sum)));
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
            .thenComparing(Map.Entry.comparingByKey()))
        .limit(n)
        .map(Map.Entry::getKey)
        .toList();
  }
}
