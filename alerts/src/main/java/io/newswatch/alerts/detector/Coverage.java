package io.newswatch.alerts.detector;

import io.newswatch.alerts.detector.PlaceState.Story;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

/** The stories of a place's window, summed up the ways the detector and its alerts need. */
record Coverage(List<Story> stories) {

  /** Stories weighted by how much they are about the place. */
  double weight() {
    return stories.stream().mapToDouble(Story::weight).sum();
  }

  int count() {
    return stories.size();
  }

  SortedSet<String> outlets() {
    TreeSet<String> outlets = new TreeSet<>();
    stories.forEach(s -> outlets.add(Outlets.of(s.source(), s.url())));
    return outlets;
  }

  double meanIntensity() {
    return stories.stream().mapToDouble(Story::intensity).average().orElse(0);
  }

  /** The actors named in the most stories. */
  List<String> topActors(int n) {
    return mostCommon(Story::actors, n);
  }

  /** The intensity cues found in the most stories. */
  List<String> topCues(int n) {
    return mostCommon(Story::cues, n);
  }

  /** The stories to show first: about the place, intense, early (the ones that started it). */
  List<Story> topStories(int n) {
    return stories.stream()
        .sorted(Comparator.comparingDouble(Story::weight).reversed()
            .thenComparing(Comparator.comparingDouble(Story::intensity).reversed())
            .thenComparingLong(Story::publishedAt)
            .thenComparing(Story::articleId))
        .limit(n)
        .toList();
  }

  private List<String> mostCommon(Function<Story, List<String>> terms, int n) {
    Map<String, Integer> counts = new HashMap<>();
    for (Story story : stories) {
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
