package io.newswatch.enrich.places;

import io.newswatch.avro.ActorMention;
import io.newswatch.avro.Mention;
import java.util.List;

/**
 * A place name inside a known person's name is not a place: "Vladimir" in "Vladimir Putin"
 * is not the town Volodymyr (Vladimir-Volynsky), "Washington" in "George Washington" not the
 * city. The tagger does not even see such a name, so it lends no evidence to other names.
 */
public record PersonNames(List<Mention> spans) {
  public static final PersonNames NONE = new PersonNames(List.of());

  /** The person mentions among {@code actors}. */
  public static PersonNames of(List<ActorMention> actors) {
    return new PersonNames(actors.stream()
        .filter(a -> a.getType().equals("person"))
        .flatMap(a -> a.getMentions().stream())
        .toList());
  }

  /** Whether characters {@code [start, end)} lie within a person's name. */
  boolean cover(int start, int end) {
    for (Mention p : spans) {
      if (p.getStart() <= start && end <= p.getEnd()) {
        return true;
      }
    }
    return false;
  }
}
