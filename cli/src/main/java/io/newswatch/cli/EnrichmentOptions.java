package io.newswatch.cli;

import io.newswatch.enrich.Enricher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Option;

/** What the tagging may be given, shared by {@code tag}, {@code backtest}, {@code enrich} and {@code up}. */
public final class EnrichmentOptions {
  @Option(names = "--gazetteer", paramLabel = "FILE",
      description = "A gazetteer built by `newswatch gazetteer import` instead of the bundled one.")
  Path gazetteer;

  @Option(names = "--actors", paramLabel = "FILE",
      description = "More actors, added to the bundled dictionary (e.g. from `newswatch actors import`).")
  Path actors;

  @Option(names = "--prefer-country", split = ",", paramLabel = "CC",
      description = "Read ambiguous place names as places in these countries (ISO codes, e.g. UA) "
          + "when the article itself does not say.")
  List<String> preferCountries = List.of();

  public Enricher enricher() {
    return load(options());
  }

  /** The options checked: files readable, country codes of two letters (a usage error otherwise). */
  Enricher.Options options() {
    for (Path file : new Path[] {gazetteer, actors}) {
      if (file != null && !Files.isReadable(file)) {
        throw new UserError("cannot read " + file);
      }
    }
    Set<String> countries = Set.copyOf(preferCountries.stream()
        .map(c -> c.strip().toUpperCase(Locale.ROOT)).filter(c -> !c.isEmpty()).toList());
    for (String code : countries) {
      if (!code.matches("[A-Z]{2}")) {
        throw new UserError("--prefer-country takes two-letter ISO codes, not " + code);
      }
    }
    return new Enricher.Options(gazetteer, actors, countries);
  }

  /** The enricher of checked options; a file that cannot be read as tagging data is a usage error. */
  static Enricher load(Enricher.Options options) {
    try {
      return Enricher.load(options);
    } catch (RuntimeException e) {
      throw new UserError("cannot load the tagging data: " + e.getMessage());
    }
  }
}
