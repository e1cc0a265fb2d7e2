package io.newswatch.enrich.gazetteer;

import io.newswatch.enrich.text.PhraseIndex;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Places by GeoNames id and by name. Names are compared folded (see
 * {@link io.newswatch.enrich.text.Fold}), so {@code lookup("Константиновка")},
 * {@code lookup("Kostyantynivka")} and {@code lookup("konstantinovka")} find the same towns.
 * Immutable and thread-safe.
 */
public final class Gazetteer {
  /** Most prominent first (see {@link Place#prominence()}). */
  private static final Comparator<Place> BEST_FIRST = Comparator
      .comparingDouble(Place::prominence).reversed()
      .thenComparingLong(Place::geonameId);

  /** The gazetteer that ships with newswatch, a classpath resource next to this class. */
  public static final String BUNDLED_RESOURCE = "gazetteer.tsv.gz";

  private final Map<Long, Place> byId;
  private final PhraseIndex<Place> names;

  private Gazetteer(Map<Long, Place> byId, PhraseIndex<Place> names) {
    this.byId = byId;
    this.names = names;
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
    Map<Long, Place> byId = new HashMap<>();
    PhraseIndex.Builder<Place> names = PhraseIndex.builder();
    GazetteerFile.read(in, (place, aliases) -> {
      byId.put(place.geonameId(), place);
      names.add(place.name(), place);
      aliases.forEach(alias -> names.add(alias, place));
    });
    return new Gazetteer(Map.copyOf(byId), names.build(BEST_FIRST));
  }

  public Optional<Place> byId(long geonameId) {
    return Optional.ofNullable(byId.get(geonameId));
  }

  /**
   * All places with an alias equal to {@code name} once folded, most populous first (a
   * locality counting ten times its population, see {@link Place#prominence()}).
   */
  public List<Place> lookup(String name) {
    return names.get(name);
  }

  /** The name index the tagger matches articles against. */
  public PhraseIndex<Place> names() {
    return names;
  }

  public int size() {
    return byId.size();
  }
}
