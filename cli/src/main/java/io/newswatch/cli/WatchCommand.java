package io.newswatch.cli;

import io.newswatch.avro.Level;
import io.newswatch.avro.Watch;
import io.newswatch.schemas.CompactedTopic;
import io.newswatch.enrich.Enricher;
import io.newswatch.enrich.gazetteer.Gazetteer;
import io.newswatch.enrich.gazetteer.PlaceNameResolver;
import io.newswatch.enrich.gazetteer.Place;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "watch", mixinStandardHelpOptions = true,
    description = "Edits the watchlist: the places whose escalating coverage raises alerts.",
    subcommands = {WatchCommand.Add.class, WatchCommand.Remove.class, WatchCommand.ListWatches.class})
final class WatchCommand {

  /** Candidates listed for an ambiguous name. */
  static final int SHOWN = 10;

  /** A place named by GeoNames id or by any of its names, with no preferred country. */
  static Place resolve(Gazetteer gazetteer, String nameOrId) {
    return resolve(gazetteer, nameOrId, Set.of());
  }

  /**
   * The place a name or GeoNames id means ({@link PlaceNameResolver}); an unknown or
   * ambiguous name is a usage error that lists the candidates one per line, likeliest first.
   */
  static Place resolve(Gazetteer gazetteer, String nameOrId, Set<String> preferredCountries) {
    if (nameOrId.matches("-?\\d+")) {
      return gazetteer.byId(Long.parseLong(nameOrId))
          .orElseThrow(() -> new UserError("no place with GeoNames id " + nameOrId + " in the gazetteer"));
    }
    PlaceNameResolver.Resolution resolution = PlaceNameResolver.resolve(gazetteer, nameOrId, preferredCountries);
    if (resolution.ranked().isEmpty()) {
      throw new UserError("no place called '" + nameOrId + "' in the gazetteer");
    }
    if (resolution.place() == null) {
      List<Place> ranked = resolution.ranked();
      String more = ranked.size() > SHOWN ? "\n  ... and " + (ranked.size() - SHOWN) + " more" : "";
      throw new AmbiguousPlace("'" + nameOrId + "' is ambiguous" + (preferredCountries.isEmpty()
          ? " (--prefer-country may settle it)" : "") + "; give the GeoNames id of one of:\n  "
          + ranked.stream().limit(SHOWN).map(WatchCommand::describe).collect(Collectors.joining("\n  ")) + more,
          nameOrId, ranked.stream().limit(SHOWN).toList());
    }
    return resolution.place();
  }

  /** ISO codes as typed: upper case, blanks dropped. */
  static Set<String> countryCodes(List<String> codes) {
    return Set.copyOf(codes.stream().map(c -> c.strip().toUpperCase(Locale.ROOT))
        .filter(c -> !c.isEmpty()).toList());
  }

  static String describe(Place p) {
    return p.geonameId() + " " + p.name() + " (" + p.kind().label()
        + (p.admin1() == null ? "" : ", " + p.admin1()) + ", " + p.countryCode()
        + ", population " + p.population() + ")";
  }

  @Command(name = "add", mixinStandardHelpOptions = true, description = "Watches a place, by name or GeoNames id.")
  static final class Add implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ClusterOptions cluster;
    @Parameters(paramLabel = "PLACE", description = "A GeoNames id, or a name in any spelling or case form (Kramatorsk, "
        + "Краматорськ, Костянтинівці); a name several places share is refused with their ids, likeliest first, "
        + "unless one is clearly meant: ten times as prominent as any other, a place's own name counting more "
        + "than an old or foreign one.")
    String place;
    @Option(names = "--prefer-country", split = ",", paramLabel = "CC",
        description = "Read a name shared across countries as a place in these (ISO codes, e.g. UA).")
    List<String> preferCountries = List.of();
    @Option(names = "--min-level", defaultValue = "ELEVATED", paramLabel = "LEVEL",
        description = "Lowest level that is published for this place: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Level minLevel;

    @Override
    public Integer call() {
      Place p = resolve(Enricher.loadDefault().gazetteer(), place, countryCodes(preferCountries));
      new CompactedTopic<>(cluster.clientProperties(), cluster.topics().watchlist())
          .put(Long.toString(p.geonameId()), new Watch(p.geonameId(), p.name(), minLevel, Instant.now()));
      spec.commandLine().getOut().println("watching " + describe(p) + " from level " + minLevel);
      return 0;
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Stops watching a place.")
  static final class Remove implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ClusterOptions cluster;
    @Parameters(paramLabel = "PLACE", description = "A name or a GeoNames id.")
    String place;

    @Override
    public Integer call() {
      Place p = resolve(Enricher.loadDefault().gazetteer(), place);
      new CompactedTopic<>(cluster.clientProperties(), cluster.topics().watchlist()).put(Long.toString(p.geonameId()), null);
      spec.commandLine().getOut().println("no longer watching " + describe(p));
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the watched places.")
  static final class ListWatches implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ClusterOptions cluster;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      var watches = new CompactedTopic<>(cluster.clientProperties(), cluster.topics().watchlist()).readAll();
      if (watches.isEmpty()) {
        out.println("the watchlist is empty: add a place with `newswatch watch add NAME`");
      }
      watches.values().forEach(w -> out.println(w.getPlaceId() + "\t" + w.getName() + "\tfrom " + w.getMinLevel()));
      return 0;
    }
  }
}
