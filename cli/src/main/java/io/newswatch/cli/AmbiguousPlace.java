package io.newswatch.cli;

import io.newswatch.enrich.gazetteer.Place;
import java.util.List;

/** A name several places share, none clearly meant: the message lists them, and so may a screen. */
public final class AmbiguousPlace extends UserError {
  private final String name;
  private final transient List<Place> candidates;

  public AmbiguousPlace(String message, String name, List<Place> candidates) {
    super(message);
    this.name = name;
    this.candidates = List.copyOf(candidates);
  }

  /** The name as given. */
  public String name() {
    return name;
  }

  /** The places the name may mean, likeliest first. */
  public List<Place> candidates() {
    return candidates;
  }
}
