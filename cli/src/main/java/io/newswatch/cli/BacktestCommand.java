package io.newswatch.cli;

import io.newswatch.alerts.detector.Backtest;
import io.newswatch.alerts.watchlist.WatchFilter;
import io.newswatch.avro.Alert;
import io.newswatch.avro.EnrichedArticle;
import io.newswatch.avro.Level;
import io.newswatch.avro.RawArticle;
import io.newswatch.enrich.Enricher;
import io.newswatch.schemas.AvroJson;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "backtest", mixinStandardHelpOptions = true,
    description = {"Replays raw articles in event-time order through the enrich code and the escalation "
        + "detector, offline, and writes the alerts it raises as JSON Lines, then a summary."})
final class BacktestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DetectorOptions detector;

  @Option(names = "--in", required = true, paramLabel = "FILE", description = "Raw articles, JSON Lines (- for standard input).")
  Path in;

  @Option(names = "--out", defaultValue = "-", paramLabel = "FILE", description = "Alerts, JSON Lines (default: standard output).")
  Path out;

  @Mixin EnrichmentOptions enrichmentOptions;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Watching watching;

  static final class Watching {
    @Option(names = "--watch", split = ",", paramLabel = "PLACE",
        description = "Places to watch, by name or GeoNames id, comma-separated.")
    List<String> places;

    @Option(names = "--watch-all", description = "Watch every locality, village to city (not countries or "
        + "regions), of at least --min-population people (default: all).")
    boolean all;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    Enricher enrichment = enrichmentOptions.enricher();
    WatchFilter watch = watching.all ? detector.everyPlace() : WatchFilter.places(placeIds(enrichment));

    List<RawArticle> raw = new ArrayList<>(RawArticleFiles.read(in, err));
    raw.sort(Comparator.comparing(RawArticle::getPublishedAt).thenComparing(RawArticle::getId));
    List<EnrichedArticle> enriched = raw.stream().map(enrichment::enrich).toList();
    List<Alert> alerts = Backtest.run(enriched, detector.settings(), watch);

    try (PrintWriter writer = OutputFiles.open(out, spec)) {
      alerts.forEach(a -> writer.println(AvroJson.toJsonLine(a)));
    }
    PrintWriter report = out.toString().equals("-") ? err : spec.commandLine().getOut();
    report.println(summary(raw.size(), alerts));
    return 0;
  }

  private Set<Long> placeIds(Enricher enrichment) {
    Set<Long> ids = new LinkedHashSet<>();
    for (String place : watching.places) {
      ids.add(WatchCommand.resolve(enrichment.gazetteer(), place.trim(),
          enrichmentOptions.options().preferredCountries()).geonameId());
    }
    return ids;
  }

  /** E.g. "1000 articles, 12 alerts (12.0 per 1,000 articles): ELEVATED 8 (8.0), ESCALATING 3 (3.0), CRITICAL 1 (1.0)". */
  static String summary(int articles, List<Alert> alerts) {
    Map<Level, Integer> byLevel = new EnumMap<>(Level.class);
    alerts.forEach(a -> byLevel.merge(a.getLevel(), 1, Integer::sum));
    List<String> levels = new ArrayList<>();
    byLevel.forEach((level, n) -> levels.add(String.format(Locale.ROOT, "%s %d (%.1f)", level, n, perThousand(n, articles))));
    return String.format(Locale.ROOT, "%d articles, %d alerts (%.1f per 1,000 articles): %s",
        articles, alerts.size(), perThousand(alerts.size(), articles), levels.isEmpty() ? "none" : String.join(", ", levels));
  }

  private static double perThousand(int n, int articles) {
    return articles == 0 ? 0 : n * 1000.0 / articles;
  }
}
