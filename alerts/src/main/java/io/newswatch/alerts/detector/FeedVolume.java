package io.newswatch.alerts.detector;

import java.time.Duration;
import java.time.Instant;

/**
 * How many articles a feed carries a day: an EWMA in event time over every article read,
 * whatever places it names, with the places' baseline half-life, so that a day of big news
 * does not move it much more than a place's baseline. It says how much evidence a level needs
 * ({@link DetectorSettings#fullFeedPerDay()}). Counted in the order the articles come and in
 * event time only, so the same articles in the same order give the same volumes.
 *
 * <p>Each article counted weighs 1 at its publication time and decays from there. The volume is
 * that weight over the span counted (from the first article to the latest, decayed alike), so
 * a feed read for a few days is not taken for a thin one. Until that span is a day the volume is
 * not known, and {@link #perDay} is infinite: a feed is taken as busy, and the rules as written,
 * until it has shown itself thin. When all that was counted has decayed below a single article,
 * the feed has been silent for long enough to be learnt afresh: the span starts again at the
 * new article (a first article years older than the rest must not make a busy feed look thin).
 * An article older than the span counts, decayed, without lengthening it.
 */
public final class FeedVolume {
  private static final double DAY = Duration.ofDays(1).toMillis();

  private final double decayPerMilli;
  private State state;

  /**
   * What is stored of a feed's volume.
   *
   * @param weight the articles counted, each decayed from its publication time to {@code latest}
   * @param since the publication time the span starts at (epoch milliseconds)
   * @param latest the latest publication time counted (epoch milliseconds)
   */
  public record State(double weight, long since, long latest) {}

  private FeedVolume(DetectorSettings settings, State state) {
    this.decayPerMilli = Math.log(2) / settings.baselineHalfLife().toMillis();
    this.state = state;
  }

  /** A feed nothing has been counted of. */
  public static FeedVolume start(DetectorSettings settings) {
    return new FeedVolume(settings, null);
  }

  /** A feed counted so far as {@code state} says; null for none. */
  public static FeedVolume resume(DetectorSettings settings, State state) {
    return new FeedVolume(settings, state);
  }

  /** Counts an article published at {@code publishedAt}. */
  public void count(Instant publishedAt) {
    long at = publishedAt.toEpochMilli();
    if (state == null) {
      state = new State(1, at, at);
    } else if (at <= state.latest()) {
      state = new State(state.weight() + decay(state.latest() - at), state.since(), state.latest());
    } else {
      double before = state.weight() * decay(at - state.latest());
      state = before < 1 ? new State(1 + before, at, at) : new State(1 + before, state.since(), at);
    }
  }

  /**
   * Articles a day, as of the latest counted; infinite until the articles counted span a day.
   * The span's exposure is {@code (1 - decay(span)) / rate}: what a feed of one article per
   * unit of time would weigh after that span.
   */
  public double perDay() {
    if (state == null || state.latest() - state.since() < DAY) {
      return Double.POSITIVE_INFINITY;
    }
    double exposure = (1 - decay(state.latest() - state.since())) / decayPerMilli;
    return state.weight() / exposure * DAY;
  }

  /** What to store; null when nothing was counted. */
  public State state() {
    return state;
  }

  private double decay(long millis) {
    return Math.exp(-decayPerMilli * millis);
  }
}
