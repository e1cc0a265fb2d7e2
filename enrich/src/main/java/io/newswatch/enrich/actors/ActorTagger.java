package io.newswatch.enrich.actors;

import io.newswatch.avro.ActorMention;
import io.newswatch.avro.Mention;
import io.newswatch.enrich.text.PhraseIndex;
import io.newswatch.enrich.text.PhraseIndex.Match;
import io.newswatch.enrich.text.PhraseIndex.Start;
import io.newswatch.enrich.text.ResourceLines;
import io.newswatch.enrich.text.Tokens;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds the actors of the bundled dictionary ({@code actors.tsv}: people, governments, armed
 * forces, international bodies, with English, Ukrainian and Russian aliases) in an article.
 * A match must start capitalised ("the Kremlin", "NATO", "Putin's"). A capital stands for its
 * government when it acts or speaks: followed by a reporting verb ("Kyiv said", "Moscow
 * denied") or after a noun of political agency ("the influence of Kyiv", "pressure from
 * Moscow"); the mention then covers the capital only, which stays a place too. Immutable and
 * thread-safe.
 */
public final class ActorTagger {
  /** Actor as listed in the dictionary. */
  public record Actor(String id, String type, String country, String name) {}

  /** Verbs after a capital that make it the government speaking or acting. */
  private static final Set<String> REPORTING_VERBS = keys(
          "said", "says", "say", "denied", "denies", "deny", "claimed", "claims", "accused",
          "accuses", "warned", "warns", "announced", "announces", "insisted", "insists",
          "rejected", "rejects", "responded", "responds", "confirmed", "confirms", "stated",
          "urged", "urges", "demanded", "demands", "refused", "refuses", "vowed", "blamed",
          "blames", "reported", "agreed", "wants", "threatened", "threatens",
          "заявив", "заявила", "заявляє", "заявил", "заявило", "заявляет", "повідомив",
          "сообщил", "звинуватив", "обвинил", "заперечує", "отрицает", "відкинув", "отверг");

  /** Nouns that, followed by "of" or "from", make the capital after them an actor. */
  private static final Set<String> AGENCY_NOUNS = keys(
      "influence", "pressure", "position", "demands", "demand", "stance", "response", "leadership",
      "regime", "backing", "support", "claims", "accusations", "proposal", "decision", "orders");
  private static final Set<String> OF_FROM = keys("of", "from");

  private static final List<String[]> BUNDLED_ROWS = ResourceLines.read(ActorTagger.class, "actors.tsv");
  private static final ActorTagger BUNDLED = new ActorTagger(BUNDLED_ROWS);

  private final PhraseIndex<Actor> aliases;
  private final PhraseIndex<Actor> capitals;

  /** Rows in the format of {@code actors.tsv}; where two actors share an alias, the earlier row wins. */
  private ActorTagger(List<String[]> rows) {
    PhraseIndex.Builder<Actor> aliasIndex = PhraseIndex.builder();
    PhraseIndex.Builder<Actor> capitalIndex = PhraseIndex.builder();
    for (String[] f : rows) {
      if (f.length < 5) {
        throw new IllegalArgumentException("actor line needs id, type, country, name and aliases: "
            + String.join("\t", f));
      }
      Actor actor = new Actor(f[0], f[1], f[2].isEmpty() ? null : f[2], f[3]);
      aliasIndex.add(actor.name(), actor);
      Stream.of(f[4].split("\\|")).forEach(alias -> aliasIndex.add(alias, actor));
      if (f.length > 5) {
        Stream.of(f[5].split("\\|")).filter(c -> !c.isEmpty()).forEach(c -> capitalIndex.add(c, actor));
      }
    }
    Comparator<Actor> asAdded = (a, b) -> 0; // a stable sort: the row listed first keeps the name
    this.aliases = aliasIndex.build(asAdded);
    this.capitals = capitalIndex.build(asAdded);
  }

  public static ActorTagger bundled() {
    return BUNDLED;
  }

  /**
   * The bundled dictionary and, after it, the actors of {@code file} (same format, e.g. from
   * {@code newswatch actors import}). An actor of the file that shares a name with a bundled
   * actor of the same country is that actor (Phoenix's VLADIMIR_PUTIN is RUS.PUTIN): its
   * names are added to it rather than making a second Putin.
   */
  public static ActorTagger bundledPlus(Path file) {
    List<String[]> rows = new ArrayList<>(BUNDLED_ROWS);
    for (String[] row : ResourceLines.read(file)) {
      rows.add(BUNDLED.sameActor(row));
    }
    return new ActorTagger(rows);
  }

  /** {@code row} under the id and name of the bundled actor it names, if any. */
  private String[] sameActor(String[] row) {
    if (row.length < 5) {
      return row;
    }
    List<String> names = new ArrayList<>(List.of(row[4].split("\\|")));
    names.add(row[3]);
    for (String name : names) {
      for (Actor known : aliases.get(name)) {
        if (known.country() != null && known.country().equals(row[2])) {
          String[] merged = row.clone();
          merged[0] = known.id();
          merged[1] = known.type();
          merged[3] = known.name();
          return merged;
        }
      }
    }
    return row;
  }

  private static boolean acting(Tokens tokens, Match<Actor> capital) {
    return capital.to() < tokens.size() && REPORTING_VERBS.contains(tokens.key(capital.to()))
        || capital.from() >= 2 && OF_FROM.contains(tokens.key(capital.from() - 1))
        && AGENCY_NOUNS.contains(tokens.key(capital.from() - 2));
  }

  private static Set<String> keys(String... words) {
    return Stream.of(words).map(word -> Tokens.of(word).key(0)).collect(Collectors.toUnmodifiableSet());
  }

  /** The actors named in {@code tokens}, in order of first mention. */
  public List<ActorMention> tag(Tokens tokens) {
    Map<Actor, List<Mention>> found = new LinkedHashMap<>();
    List<Match<Actor>> matches = new ArrayList<>(aliases.findAll(tokens, Start.CAPITALISED, m -> true));
    matches.addAll(capitals.findAll(tokens, Start.CAPITALISED, m -> acting(tokens, m)));
    matches.sort(Comparator.comparingInt(Match::from));
    for (Match<Actor> match : matches) {
      Mention mention = new Mention(tokens.surface(match.from(), match.to()),
          tokens.start(match.from()), tokens.end(match.to() - 1));
      found.computeIfAbsent(match.values().get(0), a -> new ArrayList<>()).add(mention);
    }
    List<ActorMention> result = new ArrayList<>();
    found.forEach((actor, mentions) -> result.add(new ActorMention(
        actor.id(), actor.name(), actor.type(), actor.country(), mentions)));
    return result;
  }
}
