package io.newswatch.alerts;

import io.newswatch.avro.ActorMention;
import io.newswatch.avro.EnrichedArticle;
import io.newswatch.avro.Intensity;
import io.newswatch.avro.PlaceMention;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Test fixture mirroring the product demo: ordinary coverage of Donbas towns, then coverage of
 * Kostiantynivka escalating. GeoNames ids as in cities500.
 */
public final class Donbas {
  public static final PlaceMention KOSTIANTYNIVKA = town(705104, "Kostiantynivka", 48.5277, 37.7069);
  public static final PlaceMention KRAMATORSK = town(704508, "Kramatorsk", 48.73049, 37.58793);
  public static final PlaceMention SLOVIANSK = town(693468, "Sloviansk", 48.84974, 37.59739);
  public static final PlaceMention POKROVSK = town(704422, "Pokrovsk", 48.28198, 37.17585);
  public static final PlaceMention BAKHMUT = town(713174, "Bakhmut", 48.59441, 37.99983);
  public static final List<PlaceMention> TOWNS =
      List.of(KOSTIANTYNIVKA, KRAMATORSK, SLOVIANSK, POKROVSK, BAKHMUT);
  public static final PlaceMention UKRAINE = place(690791, "Ukraine", "country", 49.0, 32.0);
  public static final PlaceMention DONETSK_OBLAST = place(709716, "Donetsk Oblast", "region", 48.0, 37.75);

  /** Midnight UTC of the demo's first day. */
  public static final Instant DAY_ONE = Instant.parse("2025-11-10T00:00:00Z");
  /** When the escalation in Kostiantynivka starts, after five ordinary days. */
  public static final Instant ESCALATION = DAY_ONE.plus(Duration.ofDays(5)).plus(Duration.ofHours(8));
  public static final int ESCALATION_STORIES = 12;
  private static final List<String> OUTLETS = List.of(
      "kyivindependent.com", "ukrinform.net", "reuters.com", "suspilne.media", "bbc.co.uk",
      "pravda.com.ua");

  private Donbas() {}

  /**
   * Five days of 1-2 stories a day about each town (each also naming Ukraine and the oblast),
   * then {@value #ESCALATION_STORIES} stories about Kostiantynivka from six outlets within four
   * hours, with a syndicated copy of each of the first three. In event-time order.
   */
  public static List<EnrichedArticle> demo() {
    List<EnrichedArticle> feed = new ArrayList<>();
    for (int day = 0; day < 5; day++) {
      for (int t = 0; t < TOWNS.size(); t++) {
        int storiesToday = (day + t) % 2 + 1;
        for (int s = 0; s < storiesToday; s++) {
          PlaceMention town = TOWNS.get(t);
          feed.add(article("d" + day + "-" + town.getName() + "-" + s)
              .at(DAY_ONE.plus(Duration.ofDays(day)).plus(Duration.ofHours(7 + 8 * s + t)))
              .source(OUTLETS.get((day + t + s) % OUTLETS.size()))
              .about(town, UKRAINE, DONETSK_OBLAST)
              .build());
        }
      }
    }
    for (int i = 0; i < ESCALATION_STORIES; i++) {
      Instant at = ESCALATION.plus(Duration.ofMinutes(20L * i));
      EnrichedArticle story = article("esc-" + i)
          .at(at)
          .source(OUTLETS.get(i % OUTLETS.size()))
          .about(KOSTIANTYNIVKA, DONETSK_OBLAST, UKRAINE)
          .intensity(0.8, i % 2 == 0 ? "intense fighting" : "shelling")
          .actors("Armed Forces of Ukraine", "Russian Armed Forces")
          .build();
      feed.add(story);
      if (i < 3) {
        feed.add(article("esc-" + i + "-copy").at(at.plusSeconds(60)).source("aggregator.example")
            .about(KOSTIANTYNIVKA, UKRAINE).copyOf(story.getId()).build());
      }
    }
    return feed;
  }

  public static ArticleBuilder article(String id) {
    return new ArticleBuilder(id);
  }

  /** Enriched articles as the tagger would make them, with only what the detector reads set. */
  public static final class ArticleBuilder {
    private final String id;
    private Instant at = DAY_ONE;
    private String source = "example.org";
    private String url;
    private List<PlaceMention> places = List.of();
    private PlaceMention focus;
    private double intensity = 0.2;
    private List<String> cues = List.of();
    private List<String> actors = List.of();
    private String copyOf;

    private ArticleBuilder(String id) {
      this.id = id;
    }

    public ArticleBuilder at(Instant publishedAt) {
      this.at = publishedAt;
      return this;
    }

    public ArticleBuilder source(String outlet) {
      this.source = outlet;
      return this;
    }

    public ArticleBuilder url(String link) {
      this.url = link;
      return this;
    }

    /** The article is about the first place and mentions the others. */
    public ArticleBuilder about(PlaceMention focusPlace, PlaceMention... others) {
      this.focus = focusPlace;
      List<PlaceMention> all = new ArrayList<>(List.of(focusPlace));
      all.addAll(Arrays.asList(others));
      this.places = all;
      return this;
    }

    public ArticleBuilder intensity(double score, String... cueTerms) {
      this.intensity = score;
      this.cues = List.of(cueTerms);
      return this;
    }

    public ArticleBuilder actors(String... names) {
      this.actors = List.of(names);
      return this;
    }

    /** The article copies that of {@code originalId}: it has its fingerprint. */
    public ArticleBuilder copyOf(String originalId) {
      this.copyOf = originalId;
      return this;
    }

    public EnrichedArticle build() {
      String title = "Report " + id + " on " + (focus == null ? "nowhere" : focus.getName());
      return EnrichedArticle.newBuilder()
          .setId(id)
          .setUrl(url != null ? url : "https://" + source + "/news/" + id)
          .setSource(source)
          .setTitle(title)
          .setPublishedAt(at)
          .setIngestedAt(at.plusSeconds(30))
          .setLanguage("en")
          .setText(title)
          .setPlaces(places)
          .setFocus(focus)
          .setActors(actors.stream().map(name -> ActorMention.newBuilder()
              .setId(name.toUpperCase().replace(' ', '_')).setName(name).setType("military")
              .setCountry("UA").build()).toList())
          .setIntensity(Intensity.newBuilder().setScore(intensity).setCues(cues).build())
          .setFingerprint(fingerprint(copyOf != null ? copyOf : id))
          .build();
    }
  }

  /**
   * A fingerprint for the text of the article {@code id}: well mixed, as a SimHash of an
   * unrelated text would be, so that two articles' are some 32 bits apart.
   */
  public static long fingerprint(String id) {
    return UUID.nameUUIDFromBytes(id.getBytes(StandardCharsets.UTF_8)).getMostSignificantBits();
  }

  public static PlaceMention town(long id, String name, double lat, double lon) {
    return place(id, name, "locality", lat, lon);
  }

  private static PlaceMention place(long id, String name, String kind, double lat, double lon) {
    return PlaceMention.newBuilder()
        .setGeonameId(id)
        .setName(name)
        .setKind(kind)
        .setCountryCode("UA")
        .setAdmin1(kind.equals("country") ? null : "Donetsk Oblast")
        .setLat(lat)
        .setLon(lon)
        .setConfidence(0.9)
        .build();
  }
}
