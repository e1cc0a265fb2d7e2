package io.newswatch.enrich.places;

import io.newswatch.avro.Mention;
import io.newswatch.avro.PlaceMention;
import io.newswatch.enrich.gazetteer.Gazetteer;
import io.newswatch.enrich.gazetteer.Gazetteer.PlaceName;
import io.newswatch.enrich.gazetteer.Place;
import io.newswatch.enrich.text.PhraseIndex;
import io.newswatch.enrich.text.PhraseIndex.Match;
import io.newswatch.enrich.text.PhraseIndex.Start;
import io.newswatch.enrich.text.ResourceLines;
import io.newswatch.enrich.text.Tokens;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.stream.Collectors;

/**
 * Finds the gazetteer places an article names and decides which place each name means.
 *
 * <p>Gates, per match: a phrase on the stop list ("War", "Police", "north-west"; in Cyrillic
 * also the function words of {@code stopwords-cyrillic.txt}: "Вони", "Біля", "Если") never
 * means a town or region, nor does a word in capitals (an acronym: "SAM", "IED"), nor a name
 * whose words have one letter each ("Я", "І"). Some names
 * count only with evidence from the rest of the article (below): a common word of the
 * language it is written in (English: "Drone", "Convoy", "Crater", from {@code
 * common-words.txt}; Ukrainian and Russian: "Суд", "Новини", from {@code
 * common-words-cyrillic.txt}, its region named) that is the place's own name
 * needs its country named or implied, one that is only an alternate name its region; a name
 * written in lower case counts only for a well-known place ({@link Place#wellKnown()}: a
 * country, a region or a city of 100,000 people) in a country the article points to, and
 * only if it does not begin with a common word.
 *
 * <p>Disambiguation, per distinct name (every mention of a name means the same place), by
 * a score in powers of ten: the place's prominence ({@link Place#prominence()}), a tenth of
 * it when the article uses an alternate name of a town rather than its own ("Tokmak" is
 * Tokmak in Ukraine before Tokmok in Kyrgyzstan), and evidence from the other names: a
 * town of the article within 25 km (+5), a first-level region named or implied (+3), the
 * country implied by a town or region (+2) or
 * named (+1: a country is named as an actor as often as as a place), an operator's preferred
 * country (+2). A foreign namesake, a town that is not well known in a country without
 * evidence while a region, a well-known town or the operator's preference place the article
 * elsewhere, is dropped: one unclear name never pulls in a village abroad. Nor do other
 * names make a small town of a name that a well-known place carries as its own ("Paris" beside
 * "Chicago" is not Paris, Illinois), short of the town's region named. A name only ever
 * followed by a landmark noun ("Gorky Park", "Sumy market") in such an article must be a town
 * of 1,000 people in their region to count: it names the landmark, not the town.
 *
 * <p>Confidence in 0..1: 0.5, plus 0.25 if the name is unambiguous or the winner leads by a
 * factor of 100 (0.1 by a factor of 10), plus 0.15 for regional evidence (0.05 for country
 * evidence), plus 0.1 for a name in the title or named twice.
 */
public final class PlaceTagger {
  private static final double REGION_EVIDENCE = 3;
  private static final double COUNTRY_EVIDENCE = 2;
  private static final double COUNTRY_NAMED = 1;
  /** Code points below this are Latin letters, digits and punctuation (up to Latin Extended-B). */
  private static final int LATIN_END = 0x250;
  /** The confidence of a town found through a slip in its name's spelling: a guess. */
  private static final double SLIP_CONFIDENCE = 0.5;
  /**
   * A town of the article within {@value #NEARBY_KM} km: the village of 9 people called Pisky
   * beside Avdiivka, not the Pisky of 2,230 in Poltava Oblast.
   */
  private static final double NEARBY_EVIDENCE = 5;
  private static final double NEARBY_KM = 25;
  /** No town further apart in latitude than this is within {@link #NEARBY_KM}. */
  private static final double NEARBY_LATITUDE = NEARBY_KM / 111.0;
  /** Not a support value: the evidence a name needs when only its region, named, will do. */
  private static final double REGION_NAMED = 4;
  /** Villages of one country carrying a name as their own that make it a village name. */
  private static final int VILLAGE_NAME = 10;
  /**
   * The fewest people of a town whose name is known beyond its villages: in Cyrillic it is never
   * taken for a common word, and in another romanisation before a landmark noun it is the town's.
   */
  private static final long NATIVE_TOWN = 10_000;
  /** The fewest people a place named only before landmark nouns must have to be meant. */
  private static final long LANDMARK_TOWN = 1_000;

  /** The landmark noun may end a landmark's name of this many words after the place's name. */
  private static final int LANDMARK_WORDS = 3;
  /**
   * Landmarks commonly named for a person, a thing or an idea rather than for the town they are
   * in ("Gorky Park", "Svobody Square"; not "Irpin bridge"), and armed units, named for a person,
   * an idea or where they were first raised rather than where they fight ("the Azov regiment",
   * "the Wagner group"); folded keys.
   */
  private static final Set<String> DEDICATED = folded(Stream.of("park", "square", "street", "avenue",
      "boulevard", "lane", "river", "prospekt", "monument", "cathedral", "church", "monastery",
      "regiment", "battalion", "brigade", "division", "group"));
  /**
   * A name only ever followed by this noun is a river's ("the Siverskyi Donets river", "the
   * Dnipro river"), which the gazetteer does not hold, and no town, however well known: a
   * town named for its river may lie hundreds of kilometres from where the river is meant.
   */
  private static final String RIVER = Tokens.of("river").key(0);
  /** "the", folded: English writes it before a river's name, and before a town's only as an adjective's. */
  private static final String THE = Tokens.of("the").key(0);
  /**
   * Prepositions that follow a river's name where a town's, after "the", would be followed by
   * the noun it qualifies ("across the Dnipro near Kherson", not "the Kherson offensive");
   * folded. Not "and" nor "to": "the Kharkiv and Sumy regions", "the Kharkiv to Kupiansk road".
   */
  private static final Set<String> AFTER_RIVER = folded(Stream.of("near", "in", "at", "between", "along", "into",
      "across", "from", "by"));
  /** Nouns that make the name before them a landmark's ("Gorky Park", "Sumy market"); folded keys. */
  private static final Set<String> LANDMARKS = Stream.concat(DEDICATED.stream(), folded(Stream.of(
          "road", "highway", "bridge", "stadium", "hotel", "market", "station", "airport", "plant", "factory", "hospital", "school",
          "university", "theatre", "theater", "museum", "mall", "terminal", "reservoir", "canal", "dam",
          "elevator", "centre", "center", "depot", "airfield", "island", "spit")).stream())
      .collect(Collectors.toUnmodifiableSet());

  /**
   * The adjectives that open East Slavic place names (great, little, new, old, upper, lower),
   * folded: right before a capitalised word one is the first word of a longer name ("Malaya
   * Rohan", "Velikoy Kamyshevakhe", "Nova Poshta"), whatever village it may name alone.
   */
  private static final Set<String> QUALIFIERS = folded(Stream.of("Velyka", "Velykyi", "Velyke", "Velykyy",
      "Velikaya", "Velikiy", "Velikiye", "Velikoye", "Velikoe", "Velikoy", "Veliky", "Mala", "Malyi", "Male",
      "Malyy", "Malaya", "Maly", "Maloye", "Maloe", "Maloy", "Nova", "Novyi", "Nove", "Novyy", "Novaya", "Novy",
      "Novoye", "Novoe", "Novoy", "Stara", "Staryi", "Stare", "Staryy", "Staraya", "Stary", "Staroye", "Staroe",
      "Verkhnia", "Verkhnii", "Verkhnie", "Verkhnyaya", "Verkhniy", "Verkhneye", "Nyzhnia", "Nyzhnii", "Nyzhnie",
      "Nizhnyaya", "Nizhniy", "Nizhneye", "Nizhny", "Велика", "Великий", "Велике", "Великая", "Великое", "Мала",
      "Малий", "Мале", "Малая", "Малое", "Малый", "Нова", "Новий", "Нове", "Новая", "Новое", "Новый", "Стара",
      "Старий", "Старе", "Старая", "Старое", "Старый", "Верхня", "Верхній", "Верхняя", "Верхний", "Нижня",
      "Нижній", "Нижняя", "Нижний"));
  /**
   * Titles that English writes capitalised before a person's name, folded: the name after one
   * is the person's ("Governor Chaus", "Queen Tamara", "Colonel General Alexander Lapin"), and
   * the words before a storm's given name ("Hurricane Milton" is no Milton, Florida).
   * Not Ukrainian and Russian ones: "мер Києва" is the mayor of Kyiv, a place.
   */
  private static final Set<String> TITLES = folded(Stream.of("President", "Governor", "Mayor", "General",
      "Colonel", "Lieutenant", "Captain", "Sergeant", "Major", "Admiral", "Commander", "Minister", "Deputy",
      "Senator", "Ambassador", "Judge", "Queen", "King", "Prince", "Princess", "Patriarch", "Archbishop",
      "Bishop", "Father", "Mr", "Mrs", "Ms", "Dr", "Hurricane", "Typhoon", "Cyclone", "Storm"));

  /**
   * Prepositions of place in English, Ukrainian and Russian, folded: a well-known place's name
   * in lower case right after one ("shelling in kharkiv", "вибухи в одесі") is the place,
   * with or without other names to support it.
   */
  private static final Set<String> LOCATIVES = Stream.of("in", "near", "at", "outside", "from", "into",
          "в", "у", "во", "під", "под", "біля", "возле", "около", "поблизу", "з", "із", "из", "до")
      .map(word -> Tokens.of(word).key(0))
      .collect(Collectors.toUnmodifiableSet());

  private final PhraseIndex<PlaceName> names;
  private final PhraseIndex<PlaceName> lowerCaseNames;
  private final Set<String> stopWords;
  private final Set<String> cyrillicStopWords;
  private final Set<String> commonWords;
  private final Set<String> cyrillicCommonWords;
  private final Set<String> givenNames;
  private final Set<String> preferredCountries;
  private final TransliterationSlips slips;

  /** @param preferredCountries ISO codes that count as evidence in every article (may be empty) */
  public PlaceTagger(Gazetteer gazetteer, Set<String> preferredCountries) {
    this.names = gazetteer.names();
    this.stopWords = folded("stopwords.txt");
    this.cyrillicStopWords = folded("stopwords-cyrillic.txt");
    this.commonWords = folded("common-words.txt");
    this.cyrillicCommonWords = folded("common-words-cyrillic.txt");
    this.givenNames = folded("given-names.txt");
    // A name in lower case that begins with a common English word ("the hague", "new york") is
    // the words far more often: leaving those out also spares a lookup per "the" and "in". A
    // Cyrillic one stays, for after a preposition of place ("в харкові": a rare verb, харкати,
    // folds to Kharkiv's stem), which the gate decides.
    this.lowerCaseNames = gazetteer.wellKnownNames(key -> {
      String first = key.split(" ", 2)[0];
      return !commonWords.contains(first) && !stopWords.contains(first) && !cyrillicStopWords.contains(first);
    });
    this.preferredCountries = Set.copyOf(preferredCountries);
    this.slips = new TransliterationSlips(gazetteer.transliteratedTowns());
  }

  private static Set<String> folded(Stream<String> words) {
    return words.map(word -> Tokens.of(word).key(0)).collect(Collectors.toUnmodifiableSet());
  }

  private static Set<String> folded(String resource) {
    return ResourceLines.read(PlaceTagger.class, resource).stream()
        .map(f -> Tokens.of(f[0]).phrase())
        .collect(Collectors.toUnmodifiableSet());
  }

  /**
   * The places in {@code tokens}, in order of first mention; {@code titleEnd}: end offset of
   * the title; names within {@code persons} are left out.
   */
  public List<PlaceMention> tag(Tokens tokens, int titleEnd, PersonNames persons) {
    Predicate<Match<PlaceName>> accept = m -> gate(tokens, m).admitsAny(m.values())
        && !persons.cover(tokens.start(m.from()), tokens.end(m.to() - 1)) && !inLongerName(tokens, m);
    // Names start capitalised, or in lower case for well-known places: a small index then.
    List<Match<PlaceName>> matches = names.findAll(tokens, Start.CAPITALISED, accept);
    for (Match<PlaceName> lower : lowerCaseNames.findAll(tokens, Start.LOWER_CASE, accept)) {
      if (matches.stream().noneMatch(m -> m.from() < lower.to() && lower.from() < m.to())) {
        matches.add(lower);
      }
    }
    matches.sort(Comparator.comparingInt(Match::from));
    Map<String, Name> byName = new LinkedHashMap<>();
    for (Match<PlaceName> match : matches) {
      String phrase = tokens.phrase(match.from(), match.to());
      byName.computeIfAbsent(phrase, k -> new Name(phrase, candidates(tokens, match)))
          .add(match, landmark(tokens, match), actorUse(tokens, match), writtenAsRiver(tokens, match));
    }
    Evidence evidence = Evidence.of(byName.values(), preferredCountries);

    Map<Place, PlaceMention.Builder> places = new LinkedHashMap<>();
    Map<Place, Double> confidence = new LinkedHashMap<>();
    for (Name name : byName.values()) {
      Choice choice = name.choose(evidence);
      if (choice == null || choice.place.kind() == Place.Kind.COUNTRY && name.actorOnly) {
        continue; // "Russia struck Kharkiv" is about Kharkiv, not about a place in Russia
      }
      boolean inTitle = tokens.start(name.matches.get(0).from()) < titleEnd;
      confidence.merge(choice.place, choice.confidence(inTitle || name.matches.size() > 1), Math::max);
      PlaceMention.Builder mention = places.computeIfAbsent(choice.place, PlaceTagger::newMention);
      for (Match<PlaceName> match : name.matches) {
        mention.getMentions().add(new Mention(tokens.surface(match.from(), match.to()),
            tokens.start(match.from()), tokens.end(match.to() - 1)));
      }
    }
    boolean[] named = new boolean[tokens.size()];
    matches.forEach(m -> Arrays.fill(named, m.from(), m.to(), true));
    for (int i = 1; i < tokens.size(); i++) {
      if (!named[i] && mayBeSlip(tokens, i) && !persons.cover(tokens.start(i), tokens.end(i))) {
        int word = i;
        slips.correct(tokens.key(i))
            .filter(town -> evidence.support(town, null) > 0 || !evidence.pointsElsewhere(null))
            .ifPresent(town -> {
              confidence.merge(town, SLIP_CONFIDENCE, Math::max);
              places.computeIfAbsent(town, PlaceTagger::newMention).getMentions()
                  .add(new Mention(tokens.surface(word, word + 1), tokens.start(word), tokens.end(word)));
            });
      }
    }
    List<PlaceMention> result = new ArrayList<>();
    places.forEach((place, mention) -> {
      mention.getMentions().sort(Comparator.comparingInt(Mention::getStart));
      result.add(mention.setConfidence(confidence.get(place)).build());
    });
    result.sort(Comparator.comparingInt(p -> p.getMentions().get(0).getStart()));
    return result;
  }

  /** The places a match can mean once the gates have spoken, each with the evidence it needs. */
  private List<Candidate> candidates(Tokens tokens, Match<PlaceName> match) {
    Gate gate = gate(tokens, match);
    List<Candidate> candidates = new ArrayList<>(match.values().size());
    for (PlaceName name : match.values()) {
      if (gate.admits(name.place())) {
        candidates.add(new Candidate(name.place(), gate.evidenceNeeded(name), name.own(), !gate.capitalised()));
      }
    }
    return candidates;
  }

  /**
   * A word is common in the language of its script: Cyrillic words are looked up among the
   * Ukrainian and Russian ones, others among the English ones, so that a word of one language
   * does not gate a name written in another ("Тик" is not "Tik"). A name of one letter ("Я",
   * "І") is a word, never a place.
   */
  private Gate gate(Tokens tokens, Match<PlaceName> match) {
    String phrase = tokens.phrase(match.from(), match.to());
    boolean oneWord = match.to() - match.from() == 1;
    boolean cyrillic = Character.UnicodeScript.of(tokens.firstCodePoint(match.from())) == Character.UnicodeScript.CYRILLIC;
    // "University", "Station": a landmark noun written as a name is the landmark's far more often
    boolean common = oneWord && ((cyrillic ? cyrillicCommonWords : commonWords).contains(phrase)
        || LANDMARKS.contains(phrase));
    boolean stop = stopWords.contains(phrase) || cyrillic && cyrillicStopWords.contains(phrase);
    return new Gate(tokens.capitalised(match.from()), oneWord && acronym(tokens, match.from()),
        stop || oneLetterWords(tokens, match), common, cyrillic, afterLocative(tokens, match.from()));
  }

  /**
   * Whether the name is part of a longer name that is no place of the gazetteer: a one-word
   * name that opens longer names (a given name, {@link #QUALIFIERS}) right before a capitalised
   * word ("Adam Piotrovsky house", "Nova Poshta", "Malaya Rohan"), or a name right after a given
   * name or an English title ("Yuri Gagarin", "Maxim Gorky", "Governor Chaus"). A longer name
   * that is a place ("Nova Kakhovka", "Alexander City") is matched whole before this is asked.
   */
  private boolean inLongerName(Tokens tokens, Match<PlaceName> match) {
    int first = match.from();
    int next = match.to();
    if (next == first + 1 && tokens.spaceAfter(first) && Character.isUpperCase(tokens.firstCodePoint(next))
        && (givenNames.contains(tokens.key(first)) || QUALIFIERS.contains(tokens.key(first)))) {
      return true;
    }
    int before = first - 1;
    if (before < 0 || !tokens.spaceAfter(before) || !Character.isUpperCase(tokens.firstCodePoint(before))) {
      return false;
    }
    String key = tokens.key(before);
    return givenNames.contains(key) || TITLES.contains(key) && tokens.firstCodePoint(before) < LATIN_END;
  }

  /** "Я", "І", "Я и": words of one letter, never a place whatever alias GeoNames gives. */
  private static boolean oneLetterWords(Tokens tokens, Match<PlaceName> match) {
    for (int i = match.from(); i < match.to(); i++) {
      if (tokens.end(i) - tokens.start(i) > 1) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether word {@code i}, which names no place, may be a slip in a town's transliteration
   * ({@link TransliterationSlips}): a capitalised Latin word, not a common or stop word, right
   * after a preposition of place ("in Popsana") and not followed by another capitalised word
   * (a name of several words, a person's).
   */
  private boolean mayBeSlip(Tokens tokens, int i) {
    // cheapest first: most words are not capitalised, and a key is a new string
    if (!tokens.capitalised(i) || i + 1 < tokens.size() && tokens.capitalised(i + 1)
        || tokens.firstCodePoint(i) >= LATIN_END || !afterLocative(tokens, i)) {
      return false;
    }
    String key = tokens.key(i);
    return !commonWords.contains(key) && !stopWords.contains(key);
  }

  /** Whether a locative preposition comes just before token {@code i} ("in kharkiv", "під києвом"). */
  private static boolean afterLocative(Tokens tokens, int i) {
    return i > 0 && tokens.end(i - 1) + 1 == tokens.start(i) && LOCATIVES.contains(tokens.key(i - 1));
  }

  /**
   * Whether the name is written as who acts or whose, not where: "Russia's assault", "Russia
   * struck", "Russia-backed", "Russia forces", "Росія завдала удару"; a lower-case word that is
   * not a function word right after it ("in Russia near the border", "Russia and Ukraine" are
   * places), unless a preposition of place puts it there.
   */
  private boolean actorUse(Tokens tokens, Match<PlaceName> match) {
    int last = match.to() - 1;
    if (tokens.possessive(last)) {
      return true;
    }
    int next = match.to();
    if (next >= tokens.size() || afterLocative(tokens, match.from())
        || tokens.start(next) - tokens.end(last) != 1 || tokens.capitalised(next)
        || !Character.isLetter(tokens.firstCodePoint(next))) {
      return false;
    }
    String word = tokens.key(next);
    return !stopWords.contains(word) && !cyrillicStopWords.contains(word);
  }

  /**
   * Whether the name, of one word, is written as English writes a river's and never a town's:
   * after a lower-case "the" and before the end of a clause, a possessive or a preposition ("the left
   * bank of the Dnipro.", "the Dnipro's banks", "across the Irpin near Kyiv"). A town takes
   * "the" only as an adjective, before a noun: "the Kharkiv offensive", "the Sumy market".
   */
  private static boolean writtenAsRiver(Tokens tokens, Match<PlaceName> match) {
    int before = match.from() - 1;
    int last = match.to() - 1;
    // one word: English writes "the" before names of islands and spits too ("the Kinburn Spit")
    if (last != match.from() || before < 0 || tokens.capitalised(before) || !THE.equals(tokens.key(before))) {
      return false;
    }
    return tokens.possessive(last) || tokens.clauseEndsAfter(last)
        || tokens.spaceAfter(last) && !tokens.capitalised(last + 1) && AFTER_RIVER.contains(tokens.key(last + 1));
  }

  /**
   * The landmark noun that follows the name (null if none), right after it or as the end of the landmark's
   * name of up to {@value #LANDMARK_WORDS} words ("Gorky Park", "Sumy market", "Riviera
   * shopping mall", "Taras Shevchenko Park", "Siverskyi Donets River"), no punctuation nor
   * stop word between.
   */
  private String landmark(Tokens tokens, Match<PlaceName> match) {
    for (int i = match.to(); i < Math.min(tokens.size(), match.to() + LANDMARK_WORDS); i++) {
      if (tokens.start(i) - tokens.end(i - 1) != 1) {
        return null; // "Kherson, Svobody Square": two places
      }
      // the noun before the stop list: some landmark nouns are on it ("river", "bridge")
      if (LANDMARKS.contains(tokens.key(i))) {
        return tokens.key(i);
      }
      if (stopWords.contains(tokens.key(i))) {
        return null; // "Kherson on Svobody Square": two places
      }
    }
    return null;
  }

  /**
   * Whether a folded alternate name is a spelling of the place's own name rather than another
   * name ("severodonetsk" of Sievierodonetsk, not "gorkii" of Nizhny Novgorod), of a town known
   * beyond its villages: at most one letter in five edited and the same last letter, which in an
   * East Slavic name carries gender and case ("Nikolsky Mall" is no Nikol'skoye); for a
   * well-known place any such edit, or the same consonants in the same order as the
   * romanisations of Ukrainian and Russian write them ("gomel" of Homyel', "kharkov" of Kharkiv).
   */
  private static boolean spellingOfOwnName(String phrase, Place place) {
    String own = Tokens.of(place.name()).phrase();
    boolean edited = editDistance(phrase, own) <= Math.max(phrase.length(), own.length()) / 5;
    if (place.wellKnown()) {
      return edited || consonants(phrase).equals(consonants(own));
    }
    return place.population() >= NATIVE_TOWN && edited && !own.isEmpty() && !phrase.isEmpty()
        && phrase.charAt(phrase.length() - 1) == own.charAt(own.length() - 1);
  }

  /**
   * The consonants of a folded name, each sound as one letter whichever romanisation wrote it:
   * Russian's g is Ukrainian's h, kh and h are one, as are ts and c, zh and z, ch and c, sh,
   * shch and s (Zaporozhye, Zaporizhzhia); vowels, y and j, which the systems and the two
   * languages write differently, are left out, and a consonant doubled becomes one.
   */
  private static String consonants(String folded) {
    String merged = folded.replace("shch", "s").replace("sch", "s").replace("kh", "h").replace("zh", "z")
        .replace("ch", "c").replace("sh", "s").replace("ts", "c").replace('g', 'h').replace('w', 'v');
    StringBuilder consonants = new StringBuilder(merged.length());
    char last = 0;
    for (int i = 0; i < merged.length(); i++) {
      char ch = merged.charAt(i);
      if ("aeiouyj".indexOf(ch) >= 0) {
        last = 0;
      } else if (Character.isLetter(ch) && ch != last) {
        consonants.append(ch);
        last = ch;
      }
    }
    return consonants.toString();
  }

  /** Levenshtein's distance, one row at a time. */
  private static int editDistance(String a, String b) {
    int[] row = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      row[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      int diagonal = row[0];
      row[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int above = row[j];
        row[j] = Math.min(Math.min(row[j] + 1, row[j - 1] + 1), diagonal + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
        diagonal = above;
      }
    }
    return row[b.length()];
  }

  private static boolean acronym(Tokens tokens, int i) {
    String word = tokens.surface(i, i + 1);
    return word.length() > 1 && word.chars().noneMatch(Character::isLowerCase);
  }

  /** What the way a name is written allows it to mean. */
  private record Gate(boolean capitalised, boolean acronym, boolean stopWord,
      boolean commonWord, boolean cyrillic, boolean afterLocative) {
    boolean admits(Place p) {
      if (p.kind() == Place.Kind.COUNTRY) {
        return capitalised || !commonWord;
      }
      return !stopWord && !acronym && (capitalised || (!commonWord || afterLocative) && p.wellKnown());
    }

    boolean admitsAny(List<PlaceName> names) {
      for (PlaceName name : names) {
        if (admits(name.place())) {
          return true;
        }
      }
      return false;
    }

    /**
     * The support a place needs from the article to be meant by this name. A town named
     * through an alternate name that is not native ({@link PlaceName#nativeName()}: "Riviera"
     * for Riviera Beach, "Iskander" for Iskandar, "Tera" for Tehran), however well known,
     * needs its country; so does a town that is not well known written in Cyrillic in a
     * country that does not write it ("Кореи" is Coray, France, only in GeoNames), while a
     * well-known one is how the Cyrillic press names it ("Париж"). A name in lower case needs
     * its country too, unless a preposition of place puts it there ("in kharkiv"). A common
     * word needs evidence; in Cyrillic not for a town of
     * {@value #NATIVE_TOWN} people in a country that writes Cyrillic, whose inflected name
     * can be spelt as an adjective ("з Покровська", "покровська").
     */
    double evidenceNeeded(PlaceName name) {
      Place p = name.place();
      boolean ownName = name.own();
      if (!capitalised) {
        return afterLocative ? 0 : COUNTRY_NAMED;
      }
      boolean nativeScript = p.writtenInCyrillic();
      double needed = 0;
      if (p.kind() == Place.Kind.LOCALITY
          && (cyrillic ? !nativeScript && !p.wellKnown() : !name.nativeName())) {
        needed = COUNTRY_NAMED;
      }
      if (!commonWord || p.kind() == Place.Kind.COUNTRY && ownName
          || cyrillic && nativeScript && p.population() >= NATIVE_TOWN) {
        return needed;
      }
      // In Cyrillic the stemmer makes far more words collide with villages (Новини: Novyna):
      // only the region named, not a town of it, makes one of them the village.
      return cyrillic ? REGION_NAMED : Math.max(needed, ownName ? COUNTRY_NAMED : REGION_EVIDENCE);
    }
  }

  /** A place a name may mean, the support it needs, and whether the name is its own. */
  private record Candidate(Place place, double evidenceNeeded, boolean ownName, boolean lowerCase) {
    /**
     * Whether the candidate may speak for where the article is: it needs no evidence, or it is
     * a well-known place written in lower case, which another such name may then support
     * ("explosions in odesa and mykolaiv") though neither supports itself.
     */
    boolean votes() {
      return evidenceNeeded == 0 || lowerCase && place.wellKnown();
    }

    /** How likely the name means this place before the article's evidence ({@link Place#prior}). */
    double prior() {
      return place.prior(ownName);
    }
  }

  /** One distinct name of the article: its candidates and where it occurs. */
  private static final class Name {
    /** The name's folded words. */
    final String phrase;
    final List<Candidate> candidates;
    final List<Match<PlaceName>> matches = new ArrayList<>(2);
    /** Every mention is followed by a landmark noun. */
    boolean landmark = true;
    /** Some mention is followed by a landmark usually named for something else ({@link #DEDICATED}). */
    boolean dedicated;
    /** Every mention is followed by "river": the river's name ({@link #RIVER}). */
    boolean river = true;
    /** Every mention is written as a river's is ({@link #writtenAsRiver}): no town's, whatever else it is. */
    boolean noTown = true;
    /** Every mention names who acts, not where ({@link #actorUse}). */
    boolean actorOnly = true;

    Name(String phrase, List<Candidate> candidates) {
      this.phrase = phrase;
      this.candidates = candidates;
    }

    void add(Match<PlaceName> match, String landmarkNoun, boolean actor, boolean asRiver) {
      matches.add(match);
      noTown &= asRiver;
      landmark &= landmarkNoun != null;
      dedicated |= landmarkNoun != null && DEDICATED.contains(landmarkNoun);
      river &= RIVER.equals(landmarkNoun);
      actorOnly &= actor;
    }

    /** The candidate that may vote ({@link Candidate#votes()}) and scores best alone, or null. */
    Candidate likeliest() {
      Candidate best = null;
      for (Candidate c : candidates) {
        if (c.votes() && !(noTown && c.place.kind() == Place.Kind.LOCALITY)
            && (best == null || c.prior() > best.prior())) {
          best = c;
        }
      }
      return best;
    }

    /** How many candidates are towns of {@code country} that carry the name as their own. */
    private long ownNameTowns(String country) {
      return candidates.stream()
          .filter(c -> c.ownName && c.place.kind() == Place.Kind.LOCALITY && c.place.countryCode().equals(country))
          .count();
    }

    Choice choose(Evidence evidence) {
      if (river) {
        return null;
      }
      Candidate best = null;
      double bestScore = Double.NEGATIVE_INFINITY;
      double runnerUp = Double.NEGATIVE_INFINITY;
      boolean wellKnownMeant = candidates.stream()
          .anyMatch(c -> c.place.wellKnown() && c.ownName && c.evidenceNeeded == 0);
      // "Oleksandrivka, Kherson region": a region named settles which namesake, however
      // prominent the others; and a name that many villages of a country carry as their own is
      // not a well-known city of that country whose old name it only is (Oleksandrivka, the own
      // name of 97 villages, was once Donetsk's). One or two villages do not make it so:
      // GeoNames still names some by their Russian spelling (Zaporozh'ye, Vinnitsa).
      // each candidate's region named, asked once: up to five questions need it
      boolean[] regionNamed = new boolean[candidates.size()];
      boolean regionSettles = false;
      for (int i = 0; i < regionNamed.length; i++) {
        regionNamed[i] = evidence.regionNamed(candidates.get(i).place, this);
        regionSettles |= regionNamed[i];
      }
      double bestSupport = 0;
      for (int i = 0; i < regionNamed.length; i++) {
        Candidate c = candidates.get(i);
        if (noTown && c.place.kind() == Place.Kind.LOCALITY
            || regionSettles && !regionNamed[i]
            || !c.ownName && c.place.kind() == Place.Kind.LOCALITY && c.place.wellKnown()
                && ownNameTowns(c.place.countryCode()) >= VILLAGE_NAME) {
          continue;
        }
        double support = evidence.support(c.place, this);
        boolean foreign = support == 0 && !c.place.wellKnown() && evidence.pointsElsewhere(this);
        // Paris beside Chicago is still Paris, France: other towns of a namesake's region or
        // country do not make a small town of a name that a well-known place carries; only
        // its region named does ("Paris, Texas").
        boolean overshadowed = wellKnownMeant && !c.place.wellKnown() && !regionNamed[i];
        // A landmark's name in an article placed by other names must be in their region:
        // "the Sumy market in Kharkiv" is in Kharkiv, "Polohy factory, Zaporizhzhia Oblast" in Polohy.
        // A village with fewer than LANDMARK_TOWN people ("Gorky Park in Kharkiv" beside the
        // village Gor'kiy of Kharkiv oblast) is the landmark's namesake, even in the region.
        // "Gorky Park" under a former name of Nizhny Novgorod is the park wherever the article
        // is; "Severodonetsk hospital" and "Gomel airport", spellings of a town's own name
        // (Sievierodonetsk, Homyel'), are the town's.
        // And with nothing placing the article, a landmark's name is no small town in a
        // country that does not write Cyrillic, nor a village of fewer than LANDMARK_TOWN
        // people in one ("Gorky Park" is neither Górki, Poland, nor Gor'kiy, Kharkiv Oblast;
        // "Hostomel airport" is Hostomel, "Verbivka school" Verbivka), nor, for a landmark
        // usually named for something else, any town that is not well known ("Svobody
        // Square" is no town of Russia's).
        boolean landmarkElsewhere = landmark && (!c.ownName && !spellingOfOwnName(phrase, c.place)
            || support == 0 && !c.place.wellKnown()
                && (dedicated || !c.place.writtenInCyrillic() || c.place.population() < LANDMARK_TOWN
                    || evidence.placedAbroad(c.place, this))
            || (support < REGION_EVIDENCE || c.place.population() < LANDMARK_TOWN) && evidence.placedByOthers(this));
        boolean supported = c.evidenceNeeded == REGION_NAMED ? regionNamed[i] : support >= c.evidenceNeeded;
        if (!supported || foreign || landmarkElsewhere) {
          continue;
        }
        double score = c.prior() + support;
        if (overshadowed) {
          runnerUp = Math.max(runnerUp, score); // not meant, but the name is no less ambiguous
        } else if (score > bestScore) {
          runnerUp = Math.max(runnerUp, bestScore);
          best = c;
          bestScore = score;
          bestSupport = support;
        } else if (score > runnerUp) {
          runnerUp = score;
        }
      }
      return best == null ? null : new Choice(best.place, bestScore - runnerUp, bestSupport);
    }
  }

  /** The place chosen for a name, by how much it led (powers of ten) and its evidence. */
  private record Choice(Place place, double lead, double support) {
    double confidence(boolean repeated) {
      double c = 0.5;
      c += lead >= 2 ? 0.25 : lead >= 1 ? 0.1 : 0;
      c += support >= REGION_EVIDENCE ? 0.15 : support > 0 ? 0.05 : 0;
      c += repeated ? 0.1 : 0;
      return Math.round(Math.min(c, 0.99) * 100) / 100.0;
    }
  }

  /**
   * What the article's names say about where it is: each name's likeliest place, among those
   * that need no evidence themselves, votes for its first-level region and country.
   */
  private record Evidence(List<Name> names, List<Place> likeliest, BitSet firm, Set<String> preferredCountries,
      Map<String, List<Integer>> byCountry, boolean anyRegion) {
    /** A country only ever written as who acts ("Russia's assault", "Russia struck") places nothing. */
    static Evidence of(Iterable<Name> names, Set<String> preferredCountries) {
      List<Name> voters = new ArrayList<>();
      List<Place> likeliest = new ArrayList<>();
      BitSet firm = new BitSet();
      Map<String, List<Integer>> byCountry = new HashMap<>();
      for (Name name : names) {
        Candidate c = name.likeliest();
        boolean actorOnly = c != null && c.place.kind() == Place.Kind.COUNTRY && name.actorOnly;
        if (c != null && !actorOnly) {
          byCountry.computeIfAbsent(c.place.countryCode(), k -> new ArrayList<>()).add(voters.size());
          firm.set(voters.size(), c.evidenceNeeded == 0);
          voters.add(name);
          likeliest.add(c.place);
        }
      }
      boolean anyRegion = likeliest.stream().anyMatch(place -> place.kind() == Place.Kind.REGION);
      return new Evidence(voters, likeliest, firm, preferredCountries, byCountry, anyRegion);
    }

    /**
     * The strongest evidence for {@code place} from names other than {@code own} (a place
     * does not support itself under another name): a town of the article within
     * {@link #NEARBY_KM}, in the place's region or across its border ("Hostomel near Kyiv":
     * Kyiv Oblast beside the city of Kyiv, a region of its own), else its region, else its
     * country. Only the voters of its country are read: an article of a hundred names in a
     * hundred countries costs no hundred squared.
     */
    double support(Place place, Name own) {
      double support = preferredCountries.contains(place.countryCode()) ? COUNTRY_EVIDENCE : 0;
      String region = place.admin1Code();
      for (int i : byCountry.getOrDefault(place.countryCode(), List.of())) {
        if (!votesFor(i, place, own)) {
          continue;
        }
        Place other = likeliest.get(i);
        // latitude first: most of a country's towns are ruled out by one subtraction
        if (other.kind() == Place.Kind.LOCALITY && Math.abs(other.lat() - place.lat()) <= NEARBY_LATITUDE
            && Place.kilometres(place.lat(), place.lon(), other.lat(), other.lon()) <= NEARBY_KM) {
          return NEARBY_EVIDENCE;
        }
        support = Math.max(support, region != null && region.equals(other.admin1Code()) ? REGION_EVIDENCE
            : other.kind() == Place.Kind.COUNTRY ? COUNTRY_NAMED : COUNTRY_EVIDENCE);
      }
      return support;
    }

    /** Whether another name than {@code own} is {@code place}'s first-level region. */
    boolean regionNamed(Place place, Name own) {
      String region = place.admin1Code();
      if (region == null || !anyRegion) {
        return false;
      }
      for (int i : byCountry.getOrDefault(place.countryCode(), List.of())) {
        Place other = likeliest.get(i);
        if (other.kind() == Place.Kind.REGION && region.equals(other.admin1Code()) && votesFor(i, place, own)) {
          return true;
        }
      }
      return false;
    }

    private boolean votesFor(int voter, Place place, Name own) {
      return likeliest.get(voter) != place && names.get(voter) != own;
    }

    /**
     * Whether the article is placed firmly enough to call a small town elsewhere foreign: by a
     * preferred country, or by another name of a region or a well-known town. Not by a country
     * (named as an actor as often as as a place: "Russian Federation forces") nor by a small
     * town (itself often a namesake).
     */
    boolean pointsElsewhere(Name own) {
      return !preferredCountries.isEmpty() || placedByOthers(own);
    }

    /**
     * Whether another name than {@code own}, needing no evidence, is of a town or region in
     * another country than {@code place}'s: a landmark's name with nothing in its own country is then the landmark's
     * ("the Myr hotel" in an article about Sievierodonetsk is no Myr of Belarus).
     */
    boolean placedAbroad(Place place, Name own) {
      for (int i = firm.nextSetBit(0); i >= 0; i = firm.nextSetBit(i + 1)) {
        Place other = likeliest.get(i);
        if (names.get(i) != own && other.kind() != Place.Kind.COUNTRY && !other.countryCode().equals(place.countryCode())) {
          return true;
        }
      }
      return false;
    }

    /**
     * Whether another name than {@code own} is of a region or a well-known town, and needs no
     * evidence to be: "metro" in "Kyiv metro station", a well-known town's name in lower case
     * (Metro, Indonesia), does not place the article.
     */
    boolean placedByOthers(Name own) {
      for (int i = firm.nextSetBit(0); i >= 0; i = firm.nextSetBit(i + 1)) {
        Place other = likeliest.get(i);
        if (names.get(i) != own && other.kind() != Place.Kind.COUNTRY && other.wellKnown()) {
          return true;
        }
      }
      return false;
    }
  }

  private static PlaceMention.Builder newMention(Place place) {
    return PlaceMention.newBuilder()
        .setGeonameId(place.geonameId())
        .setName(place.name())
        .setKind(place.kind().label())
        .setCountryCode(place.countryCode())
        .setAdmin1(place.admin1())
        .setLat(place.lat())
        .setLon(place.lon())
        .setPopulation(place.population())
        .setConfidence(0)
        .setMentions(new ArrayList<>());
  }
}
