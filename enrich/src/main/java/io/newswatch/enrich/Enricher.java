package io.newswatch.enrich;

import io.newswatch.avro.ActorMention;
import io.newswatch.avro.EnrichedArticle;
import io.newswatch.avro.PlaceMention;
import io.newswatch.avro.RawArticle;
import io.newswatch.enrich.actors.ActorTagger;
import io.newswatch.enrich.dedup.Fingerprint;
import io.newswatch.enrich.gazetteer.Gazetteer;
import io.newswatch.enrich.intensity.IntensityScorer;
import io.newswatch.enrich.places.Focus;
import io.newswatch.enrich.places.PersonNames;
import io.newswatch.enrich.places.PlaceTagger;
import io.newswatch.enrich.text.ArticleText;
import io.newswatch.enrich.text.Language;
import io.newswatch.enrich.text.Tokens;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tags a raw article: clean text, language, places and focus, actors, intensity and
 * fingerprint ({@link Fingerprint}). Pure and thread-safe.
 */
public final class Enricher {
  private static final Logger LOG = LoggerFactory.getLogger(Enricher.class);

  private final Gazetteer gazetteer;
  private final PlaceTagger places;
  private final ActorTagger actors;
  private final IntensityScorer intensity = IntensityScorer.bundled();

  public Enricher(Gazetteer gazetteer, ActorTagger actors, Set<String> preferredCountries) {
    this.gazetteer = gazetteer;
    this.actors = actors;
    this.places = new PlaceTagger(gazetteer, preferredCountries);
  }

  /**
   * What an operator may change: a gazetteer file (null: the bundled one), an actor file
   * added to the bundled dictionary (null: none), the countries to prefer for ambiguous names.
   */
  public record Options(Path gazetteer, Path actors, Set<String> preferredCountries) {
    public static final Options DEFAULT = new Options(null, null, Set.of());

    public Options {
      preferredCountries = Set.copyOf(preferredCountries);
    }
  }

  /** The bundled gazetteer and dictionaries, loaded once per JVM on first use. */
  public static Enricher loadDefault() {
    return Bundled.ENRICHER;
  }

  /** The enricher {@code options} describe; the shared default one when they change nothing. */
  public static Enricher load(Options options) {
    if (options.equals(Options.DEFAULT)) {
      return loadDefault();
    }
    Gazetteer gazetteer = options.gazetteer() == null ? loadDefault().gazetteer() : Gazetteer.load(options.gazetteer());
    ActorTagger actors = options.actors() == null ? ActorTagger.bundled() : ActorTagger.bundledPlus(options.actors());
    return new Enricher(gazetteer, actors, options.preferredCountries());
  }

  public Gazetteer gazetteer() {
    return gazetteer;
  }

  public EnrichedArticle enrich(RawArticle raw) {
    String title = ArticleText.of(raw.getTitle(), null);
    ArticleText.Clean clean = ArticleText.clean(raw.getTitle(), raw.getBody());
    String text = clean.text();
    if (clean.truncated()) {
      LOG.debug("article {}: body longer than {} characters, cut", raw.getId(), ArticleText.MAX_CHARS);
    }
    Tokens tokens = Tokens.of(text);
    int titleEnd = title.length();
    List<ActorMention> actorMentions = actors.tag(tokens);
    List<PlaceMention> placeMentions = places.tag(tokens, titleEnd, PersonNames.of(actorMentions));
    return EnrichedArticle.newBuilder()
        .setId(raw.getId())
        .setUrl(raw.getUrl())
        .setSource(raw.getSource())
        .setTitle(raw.getTitle())
        .setPublishedAt(raw.getPublishedAt())
        .setIngestedAt(raw.getIngestedAt())
        .setLanguage(raw.getLanguage() != null ? raw.getLanguage() : Language.detect(text))
        .setText(text)
        .setPlaces(placeMentions)
        .setFocus(Focus.of(placeMentions, titleEnd))
        .setActors(actorMentions)
        .setIntensity(intensity.score(tokens))
        .setFingerprint(Fingerprint.of(tokens, bodyStart(tokens, titleEnd)))
        .setTruncated(clean.truncated())
        .build();
  }

  /** The first body token, or 0 for a title-only article (then the title is fingerprinted). */
  private static int bodyStart(Tokens tokens, int titleEnd) {
    int i = 0;
    while (i < tokens.size() && tokens.start(i) < titleEnd) {
      i++;
    }
    return i < tokens.size() ? i : 0;
  }

  /** Holder idiom: loads the bundled data on first use, once, thread-safely. */
  private static final class Bundled {
    static final Enricher ENRICHER = loadBundled();

    private static Enricher loadBundled() {
      long start = System.nanoTime();
      Enricher enricher = new Enricher(Gazetteer.bundled(), ActorTagger.bundled(), Set.of());
      LOG.info("bundled gazetteer loaded: {} places in {} ms", enricher.gazetteer.size(),
          (System.nanoTime() - start) / 1_000_000);
      return enricher;
    }
  }
}
