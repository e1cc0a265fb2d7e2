package io.newswatch.cli;

import io.newswatch.enrich.gazetteer.Place;
import java.util.List;

/** A name several places share, none clearly meant: the message lists them, and so may a screen. */
public final class AmbiguousPlace extends UserError {
  private final transient List<Place> candidates;

  public AmbiguousPlace(String message, List<Place> candidates) {
    super(message);
    this.candidates = List.copyOf(candidates);
  }

  /** The places the name may mean, likeliest first. */
  public List<Place> candidates() {
    return candidates;
  }
}
