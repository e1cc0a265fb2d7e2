package io.newswatch.enrich.gazetteer;

import io.newswatch.enrich.text.PhraseIndex;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Places by GeoNames id and by name. Names are compared folded (see
 * {@link io.newswatch.enrich.text.Fold}), so {@code lookup("Константиновка")},
 * {@code lookup("Kostyantynivka")} and {@code lookup("konstantinovka")} find the same towns.
 * Immutable and thread-safe.
 */
public final class Gazetteer {
  /** Most prominent first (see {@link Place#prominence()}). */
  private static final Comparator<PlaceName> BEST_FIRST = Comparator
      .comparingDouble((PlaceName n) -> n.place().prominence()).reversed()
      .thenComparingLong(n -> n.place().geonameId());

  /** The gazetteer that ships with newswatch, a classpath resource next to this class. */
  public static final String BUNDLED_RESOURCE = "gazetteer.tsv.gz";

  private final Map<Long, Place> byId;
  private final PhraseIndex<PlaceName> names;
  /** The names of well-known places, by folded key: the few that text in lower case may mean. */
  private final Map<String, List<PlaceName>> wellKnownNames;
  /** See {@link #transliteratedTowns()}. */
  private final Map<String, List<Place>> transliteratedTowns;
  /** The fewest people of a town that {@link #transliteratedTowns()} holds. */
  static final long TRANSLITERATED_TOWN = 5_000;

  /**
   * A place under one of its names: {@code own} when it is the place's own name, not an
   * alternate one; {@code nativeName} when it is the own name or any name of a place written
   * in Cyrillic, whose Latin alternate names are mostly spellings of its Cyrillic ones
   * (Konstantinovka, Kostyantynivka); not a name of another language or time elsewhere
   * ("Riviera" for Riviera Beach, "Iskander" for Iskandar).
   */
  public record PlaceName(Place place, boolean own, boolean nativeName) {}

  private Gazetteer(Map<Long, Place> byId, PhraseIndex<PlaceName> names,
      Map<String, List<PlaceName>> wellKnownNames, Map<String, List<Place>> transliteratedTowns) {
    this.byId = byId;
    this.names = names;
    this.wellKnownNames = wellKnownNames;
    this.transliteratedTowns = transliteratedTowns;
  }

  public static Gazetteer load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read gazetteer " + file + ": " + e.getMessage(), e);
    }
  }

  public static Gazetteer bundled() {
    try (InputStream in = Gazetteer.class.getResourceAsStream(BUNDLED_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("bundled gazetteer " + BUNDLED_RESOURCE + " is missing");
      }
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read bundled gazetteer: " + e.getMessage(), e);
    }
  }

  static Gazetteer read(InputStream in) throws IOException {
    // Folding 800k names is most of the load time: parsed and folded on every core, indexed in file order.
    List<Indexed> indexed = GazetteerFile.lines(in).parallelStream().map(Gazetteer::indexed).toList();
    Map<Long, Place> byId = new HashMap<>(indexed.size() * 4 / 3 + 1);
    PhraseIndex.Builder<PlaceName> names = PhraseIndex.builder();
    Map<String, List<PlaceName>> wellKnownNames = new HashMap<>();
    Map<String, List<Place>> transliteratedTowns = new HashMap<>();
    for (Indexed entry : indexed) {
      entry.formerIds().forEach(former -> byId.putIfAbsent(former, entry.place()));
    }
    for (Indexed entry : indexed) {
      byId.put(entry.place().geonameId(), entry.place());
      List<String> keys = entry.keys();
      for (int i = 0; i < keys.size(); i++) {
        PlaceName name = new PlaceName(entry.place(), i == 0, i == 0 || entry.place().writtenInCyrillic());
        names.addKey(keys.get(i), name);
        if (entry.place().wellKnown()) {
          wellKnownNames.computeIfAbsent(keys.get(i), k -> new ArrayList<>(1)).add(name);
        }
      }
      Place place = entry.place();
      if (place.kind() == Place.Kind.LOCALITY && place.writtenInCyrillic() && place.population() >= TRANSLITERATED_TOWN) {
        entry.latinWords().forEach(key -> transliteratedTowns.computeIfAbsent(key, k -> new ArrayList<>(1)).add(place));
      }
    }
    return new Gazetteer(Map.copyOf(byId), names.build(BEST_FIRST), Map.copyOf(wellKnownNames),
        Map.copyOf(transliteratedTowns));
  }

  /**
   * A place with the distinct folded keys of its names, its own name's first, and, for a
   * place written in Cyrillic, those of its one-word names written in Latin.
   */
  private record Indexed(Place place, List<String> keys, List<String> latinWords, List<Long> formerIds) {}

  private static Indexed indexed(String line) {
    GazetteerFile.Entry entry = GazetteerFile.parse(line);
    Set<String> keys = new LinkedHashSet<>();
    keys.add(PhraseIndex.key(entry.place().name()));
    entry.aliases().forEach(alias -> keys.add(PhraseIndex.key(alias)));
    keys.remove(null);
    Set<String> latinWords = new LinkedHashSet<>();
    if (entry.place().writtenInCyrillic()) {
      Stream.concat(Stream.of(entry.place().name()), entry.aliases().stream())
          .filter(name -> !name.isEmpty() && Character.UnicodeScript.of(name.codePointAt(0)) == Character.UnicodeScript.LATIN)
          .map(PhraseIndex::key)
          .filter(key -> key != null && key.indexOf(' ') < 0)
          .forEach(latinWords::add);
    }
    return new Indexed(entry.place(), List.copyOf(keys), List.copyOf(latinWords), entry.formerIds());
  }

  /** The place with this id, or with this id among its former ones (an id from an earlier build). */
  public Optional<Place> byId(long geonameId) {
    return Optional.ofNullable(byId.get(geonameId));
  }

  /**
   * All places with an alias equal to {@code name} once folded, most populous first (a
   * locality counting ten times its population, see {@link Place#prominence()}).
   */
  public List<Place> lookup(String name) {
    return names.get(name).stream().map(PlaceName::place).toList();
  }

  /** The same, each place with whether {@code name} is its own name or an alternate one. */
  public List<PlaceName> lookupNames(String name) {
    return names.get(name);
  }

  /** The name index the tagger matches articles against. */
  public PhraseIndex<PlaceName> names() {
    return names;
  }

  /**
   * An index of the names of well-known places only ({@link Place#wellKnown()}), those whose
   * key {@code keep} takes: a small index for the words written in lower case, which may only
   * name those.
   */
  public PhraseIndex<PlaceName> wellKnownNames(Predicate<String> keep) {
    PhraseIndex.Builder<PlaceName> index = PhraseIndex.builder();
    wellKnownNames.forEach((key, names) -> {
      if (keep.test(key)) {
        names.forEach(name -> index.addKey(key, name));
      }
    });
    return index.build(BEST_FIRST);
  }

  /**
   * The towns of {@value #TRANSLITERATED_TOWN} people or more in countries that write Cyrillic,
   * by the folded key of each of their one-word names written in Latin: the spellings a
   * transliteration slip ("Popsana", "Severdonetsk", "Marganets") is one edit away from.
   */
  public Map<String, List<Place>> transliteratedTowns() {
    return transliteratedTowns;
  }

  /** The number of places (former ids not counted). */
  public int size() {
    return (int) byId.entrySet().stream().filter(e -> e.getKey() == e.getValue().geonameId()).count();
  }
}
