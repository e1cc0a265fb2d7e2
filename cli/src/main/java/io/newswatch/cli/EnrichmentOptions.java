package io.newswatch.cli;

import io.newswatch.enrich.Enricher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Option;

/** What the tagging may be given, shared by {@code tag}, {@code backtest}, {@code enrich} and {@code up}. */
final class EnrichmentOptions {
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

  Enricher enricher() {
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
    try {
      return Enricher.load(new Enricher.Options(gazetteer, actors, countries));
    } catch (RuntimeException e) {
      throw new UserError("cannot load the tagging data: " + e.getMessage());
    }
  }
}
