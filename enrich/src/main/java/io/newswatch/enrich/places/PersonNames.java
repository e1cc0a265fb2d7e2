package io.newswatch.enrich.places;

import io.newswatch.avro.ActorMention;
import io.newswatch.avro.Mention;
import io.newswatch.avro.PlaceMention;
import java.util.ArrayList;
import java.util.List;

/**
 * A place name inside a known person's name is not a place: "Vladimir" in "Vladimir Putin"
 * is not the town Volodymyr (Vladimir-Volynsky), "Washington" in "George Washington" not the
 * city. Mentions that lie within a person's mention are removed; a place left with none is
 * dropped.
 */
public final class PersonNames {
  private PersonNames() {}

  public static List<PlaceMention> exclude(List<PlaceMention> places, List<ActorMention> actors) {
    List<Mention> persons = actors.stream()
        .filter(a -> a.getType().equals("person"))
        .flatMap(a -> a.getMentions().stream())
        .toList();
    if (persons.isEmpty()) {
      return places;
    }
    List<PlaceMention> kept = new ArrayList<>();
    for (PlaceMention place : places) {
      List<Mention> outside = place.getMentions().stream().filter(m -> !within(m, persons)).toList();
      if (outside.size() == place.getMentions().size()) {
        kept.add(place);
      } else if (!outside.isEmpty()) {
        kept.add(PlaceMention.newBuilder(place).setMentions(outside).build());
      }
    }
    return kept;
  }

  private static boolean within(Mention m, List<Mention> persons) {
    return persons.stream().anyMatch(p -> p.getStart() <= m.getStart() && m.getEnd() <= p.getEnd());
  }
}
