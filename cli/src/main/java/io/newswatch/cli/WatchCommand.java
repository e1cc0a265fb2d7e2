package io.newswatch.cli;

import io.newswatch.avro.Level;
import io.newswatch.avro.Watch;
import io.newswatch.schemas.CompactedTopic;
import io.newswatch.enrich.Enricher;
import io.newswatch.enrich.gazetteer.Gazetteer;
import io.newswatch.enrich.gazetteer.Place;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
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

  /** How much more populous a place must be than every other of its name to be taken for it. */
  static final int CLEAR_LEAD = 20;

  /**
   * A place named by GeoNames id or by any of its names. A name shared by several places is
   * taken for the most populous only when it is {@value #CLEAR_LEAD} times larger than the
   * next (Sloviansk, not a village of 1,200); otherwise it is refused with the candidates.
   */
  static Place resolve(Gazetteer gazetteer, String nameOrId) {
    if (nameOrId.matches("-?\\d+")) {
      return gazetteer.byId(Long.parseLong(nameOrId))
          .orElseThrow(() -> new UserError("no place with GeoNames id " + nameOrId + " in the gazetteer"));
    }
    List<Place> candidates = gazetteer.lookup(nameOrId);
    if (candidates.isEmpty()) {
      throw new UserError("no place called '" + nameOrId + "' in the gazetteer");
    }
    if (candidates.size() > 1 && candidates.get(0).population() < CLEAR_LEAD * candidates.get(1).population()) {
      throw new UserError("'" + nameOrId + "' is ambiguous; give the GeoNames id of one of: "
          + candidates.stream().map(WatchCommand::describe).collect(Collectors.joining("; ")));
    }
    return candidates.get(0);
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
    @Parameters(paramLabel = "PLACE", description = "A GeoNames id, or a name in any spelling (Kramatorsk, Краматорськ); a name several "
        + "places share is refused with their ids, unless one is far more populous.")
    String place;
    @Option(names = "--min-level", defaultValue = "ELEVATED", paramLabel = "LEVEL",
        description = "Lowest level that is published for this place: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Level minLevel;

    @Override
    public Integer call() {
      Place p = resolve(Enricher.loadDefault().gazetteer(), place);
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
