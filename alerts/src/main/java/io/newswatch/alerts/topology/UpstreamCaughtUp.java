package io.newswatch.alerts.topology;

import java.time.Duration;

/**
 * When the stage before this one (enrich) last had nothing left to read: the wall-clock time at
 * which it had read everything written to its input before. When every partition of the
 * enriched topic seems paused, the detectors take the feed to have passed only what was
 * ingested {@link #IDLE_LAG} before then, not before their own clock: a stalled enrich
 * stage (killed, restarting, waiting for a broker) looks paused from here, but has articles on
 * their way that were ingested long ago.
 */
@FunctionalInterface
public interface UpstreamCaughtUp {
  /** The longest a healthy pipeline takes from an article's ingest to its fan-out. */
  Duration IDLE_LAG = Duration.ofSeconds(10);

  /** An upstream taken to be caught up always: for tests, which hand the topology every article themselves. */
  UpstreamCaughtUp ALWAYS = now -> now;

  /** The latest wall-clock time, at or before {@code now}, at which the upstream had read all of its input. */
  long at(long now);
}
