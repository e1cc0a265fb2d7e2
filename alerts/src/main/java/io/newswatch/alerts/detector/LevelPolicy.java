package io.newswatch.alerts.detector;

import io.newswatch.avro.Level;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * Which level a window is at, from its scores and counts ({@link DetectorSettings#rules()}):
 * a level is entered when either score and the window's reports, stories and sources reach its
 * rule; outlets new to the place joining in take a risen window one level further; a level is
 * left only when a complete window scores well below what the level below it needs
 * (hysteresis); and a rise raises an alert unless one at that level or above was raised within
 * the cooldown. Pure: what the window holds is given to it.
 */
final class LevelPolicy {
  /** Every level needs this many distinct stories: one story, however echoed, never alerts. */
  static final int MIN_STORIES = 2;

  private final DetectorSettings settings;

  LevelPolicy(DetectorSettings settings) {
    this.settings = settings;
  }

  /** What a window holds: distinct stories, reports (echoes counted) and outlets. */
  record Counts(int stories, int reports, int outlets) {}

  /**
   * The reports a window needs beyond its rule's scores: the rule's {@code minReports} shrunk by
   * {@code shrink} for a thin feed, never below {@link #MIN_STORIES}, plus {@code usual}, the
   * weight the place's baseline expects in the window (at least the floor), so that what is
   * asked of a place is that many reports beyond its usual (see {@link DetectorSettings.LevelRule}).
   */
  record Needs(double shrink, double usual) {
    boolean met(DetectorSettings.LevelRule rule, int reports) {
      return reports >= Math.max(MIN_STORIES, rule.minReports() * shrink) + usual;
    }
  }

  /** The needs of a window that expects {@code expectedInWindow}, the whole feed reading {@code feedPerDay}. */
  Needs needs(double feedPerDay, double expectedInWindow) {
    return new Needs(Math.sqrt(Math.min(1, feedPerDay / settings.fullFeedPerDay())), expectedInWindow);
  }

  /** The level the window's scores and counts reach, before new outlets have their say. */
  Level counted(double score, double climb, Needs needs, Counts window) {
    if (window.stories() < MIN_STORIES) {
      return Level.NORMAL;
    }
    Level entered = Level.NORMAL;
    for (DetectorSettings.LevelRule rule : settings.rules()) {
      if ((score >= settings.entryScore(rule) || climb >= rule.minCusum())
          && needs.met(rule, window.reports()) && window.outlets() >= rule.minSources()) {
        entered = rule.level();
      }
    }
    return entered;
  }

  /**
   * The level the window enters: outlets that have not covered the place within the memory
   * joining in is breadth of attention that the counts miss (a story picked up by outlets that
   * never cared about the place), so as many of them as the next level's sources, with that
   * level's reports, take a window that has risen one level further. {@code newOutlets} is
   * asked only then.
   */
  Level withNewOutlets(Level counted, Needs needs, Counts window, IntSupplier newOutlets) {
    if (counted == Level.NORMAL || counted == Level.CRITICAL) {
      return counted;
    }
    DetectorSettings.LevelRule next = settings.rules().get(counted.ordinal());
    return newOutlets.getAsInt() >= next.minSources() && needs.met(next, window.reports())
        ? next.level() : counted;
  }

  /** True when a complete window at {@code level} scores low enough, on both scores, to leave it. */
  boolean leaves(Level level, double score, double climb) {
    return level != Level.NORMAL && score < settings.holding(level).minScore() * settings.hysteresis()
        && climb < settings.holding(level).minCusum() * settings.hysteresis();
  }

  /** True when the climb, not the spike, took the window to {@code counted}: "a sustained rise". */
  boolean sustained(Level counted, double score) {
    return score < settings.entryScore(settings.rule(counted));
  }

  /** True when an alert at {@code rising} or above was raised within the cooldown before {@code now}. */
  boolean coolingDown(Map<Level, Long> lastAlertAt, Level rising, long now) {
    long cooldown = settings.cooldown().toMillis();
    return lastAlertAt.entrySet().stream()
        .anyMatch(e -> e.getKey().compareTo(rising) >= 0 && now - e.getValue() < cooldown);
  }
}
