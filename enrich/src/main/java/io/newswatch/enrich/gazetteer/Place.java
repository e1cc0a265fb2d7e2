package io.newswatch.enrich.gazetteer;

import java.util.Set;

import java.util.Locale;

/**
 * A place the tagger can name.
 *
 * @param geonameId GeoNames id; negative for newswatch's own ids (see {@link GazetteerBuilder})
 * @param name canonical English name
 * @param countryCode ISO 3166-1 alpha-2
 * @param admin1Code GeoNames first-level region code such as {@code UA.05}, or null (countries,
 *     regions spanning several first-level regions)
 * @param admin1 name of the first-level region, or null
 * @param population GeoNames population; for countries and regions the sum over their places
 */
public record Place(long geonameId, String name, Kind kind, String countryCode, String admin1Code,
    String admin1, double lat, double lon, long population) {

  /**
   * How readily a shared name means this place: population, times 10 for a locality. The
   * press means the city by "Donetsk" (1 M people, oblast 3.5 M) but the country by "Moldova",
   * not a village of 600 that GeoNames also calls so.
   */
  public double prominence() {
    return kind == Kind.LOCALITY ? 10.0 * Math.max(population, UNKNOWN_POPULATION) : population;
  }

  /**
   * How likely a name means this place with nothing else to go by, in powers of ten: the log of
   * its prominence, less one when the name is only an alternate one of a town or region
   * ("Tokmak" is Tokmak in Ukraine before Tokmok in Kyrgyzstan; "Одесі" is the city before the
   * oblast GeoNames also calls so). The tagger and the resolver of typed names weigh alike.
   */
  public double prior(boolean ownName) {
    return Math.log10(1 + prominence()) - (kind != Kind.COUNTRY && !ownName ? 1 : 0);
  }

  /**
   * The people a locality is taken to have when GeoNames does not say (a population of 0, as
   * for two thirds of Ukraine's villages): a village, so that a village's own name is not
   * outweighed by another's alternate name for want of a number (Buzova before Buzova Paskivka).
   */
  static final long UNKNOWN_POPULATION = 100;

  /** People living in a locality that everyone knows by name. */
  public static final long WELL_KNOWN_POPULATION = 100_000;

  /** Countries whose places their own people write in Cyrillic. */
  private static final Set<String> CYRILLIC_COUNTRIES =
      Set.of("UA", "RU", "BY", "BG", "RS", "MK", "ME", "BA", "KZ", "KG", "TJ", "MN");

  /** The distance in km between two points, flat-earth: exact enough for the tens of km it decides. */
  public static double kilometres(double lat1, double lon1, double lat2, double lon2) {
    double dLat = Math.toRadians(lat1 - lat2);
    double dLon = Math.toRadians(lon1 - lon2) * Math.cos(Math.toRadians((lat1 + lat2) / 2));
    return 6371 * Math.sqrt(dLat * dLat + dLon * dLon);
  }

  /** Whether the place's own people write its name in Cyrillic. */
  public boolean writtenInCyrillic() {
    return CYRILLIC_COUNTRIES.contains(countryCode);
  }

  /** Known by name everywhere: a country, a region, or a locality of 100,000 people or more. */
  public boolean wellKnown() {
    return kind != Kind.LOCALITY || population >= WELL_KNOWN_POPULATION;
  }

  /** What kind of place. */
  public enum Kind {
    LOCALITY, REGION, COUNTRY;

    /** The lower-case label used in records: locality, region, country. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Kind ofLabel(String label) {
      return valueOf(label.toUpperCase(Locale.ROOT));
    }
  }
}
