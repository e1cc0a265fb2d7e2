package io.newswatch.alerts.detector;

import io.newswatch.alerts.detector.PlaceState.Rest;
import io.newswatch.alerts.detector.PlaceState.Story;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The reports of a place's window, summed up the ways the detector and its alerts need: those
 * kept in full ({@code reports}) and those only counted ({@code rest}, beyond
 * {@link Detector#STORIES_KEPT}), which add to the counts and outlets but not to the actors,
 * cues and evidence.
 */
record Coverage(List<Story> reports, List<Rest> rest) {

  /** Reports weighted by how much they are about the place, echoes weighing less. */
  double weight() {
    return reports.stream().mapToDouble(Story::weight).sum() + rest.stream().mapToDouble(Rest::weight).sum();
  }

  /** Stories and their echoes by other outlets. */
  int reportCount() {
    return reports.size() + rest.stream().mapToInt(Rest::reports).sum();
  }

  /** Distinct stories: an echoed story counts once, even when its original is older. */
  int storyCount() {
    return (int) reports.stream().map(Coverage::storyId).distinct().count() + rest.stream().mapToInt(Rest::stories).sum();
  }

  SortedSet<String> outlets() {
    TreeSet<String> outlets = new TreeSet<>();
    reports.forEach(s -> outlets.add(Outlets.of(s.source(), s.url())));
    rest.forEach(r -> outlets.addAll(r.outlets()));
    return outlets;
  }

  double meanIntensity() {
    double sum = reports.stream().mapToDouble(Story::intensity).sum() + rest.stream().mapToDouble(Rest::intensity).sum();
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
    return reports.stream()
        .sorted(Comparator.comparingDouble(Story::weight).reversed()
            .thenComparing(Comparator.comparingDouble(Story::intensity).reversed())
            .thenComparingLong(Story::publishedAt)
            .thenComparing(Story::articleId))
        .limit(n)
        .toList();
  }

  private static String storyId(Story s) {
    return s.echoOf() == null ? s.articleId() : s.echoOf();
  }

  private List<String> mostCommon(Function<Story, List<String>> terms, int n) {
    Map<String, Integer> counts = new HashMap<>();
    for (Story story : reports) {
      terms.apply(story).stream().distinct().forEach(t -> counts.merge(t, 1, Integer::sum));
    }
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
            .thenComparing(Map.Entry.comparingByKey()))
        .limit(n)
        .map(Map.Entry::getKey)
        .toList();
  }
}
