package io.newswatch.cli;

import io.newswatch.enrich.Enricher;
import io.newswatch.enrich.actors.PhoenixDictionary;
import io.newswatch.enrich.gazetteer.Gazetteer;
import io.newswatch.enrich.gazetteer.Place;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Actor dictionaries: imports other formats into an actor file for {@code --actors FILE}. */
@Command(name = "actors", mixinStandardHelpOptions = true,
    description = "Builds actor files for `newswatch tag|backtest|enrich|up --actors FILE`.",
    subcommands = {ActorsCommand.Import.class})
final class ActorsCommand {

  @Command(name = "import", mixinStandardHelpOptions = true,
      description = {"Reads PETRARCH/TABARI (Phoenix) actor dictionaries and writes the actors current on "
          + "--as-of as an actor file: id, type, country, name, aliases and the towns that stand for the "
          + "actor when it speaks (\"Kyiv said\"; any town or region Phoenix lists as a name of a country goes there). Generic agents and actors with no current role are left out."})
  static final class Import implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Phoenix .actors.txt files.")
    List<Path> files;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The actor file to write (.tsv).")
    Path out;

    @Option(names = "--as-of", paramLabel = "DATE", description = "Whose roles count: ISO date (default: today).")
    String asOf;

    @Override
    public Integer call() throws IOException {
      LocalDate date = date();
      Gazetteer gazetteer = Enricher.loadDefault().gazetteer();
      List<String[]> rows = new ArrayList<>();
      for (Path file : files) {
        if (!Files.isReadable(file)) {
          throw new UserError("cannot read " + file);
        }
        rows.addAll(PhoenixDictionary.read(lines(file), date,
            name -> gazetteer.lookup(name).stream().anyMatch(p -> p.kind() != Place.Kind.COUNTRY)));
      }
      List<String> lines = new ArrayList<>();
      lines.add("# newswatch actor file, imported from Phoenix dictionaries as of " + date
          + ". Columns: id, type, country, name, aliases, capitals.");
      Map<String, Integer> byType = new TreeMap<>();
      for (String[] row : rows) {
        lines.add(String.join("\t", row));
        byType.merge(row[1], 1, Integer::sum);
      }
      Files.write(out, lines, StandardCharsets.UTF_8);
      PrintWriter report = spec.commandLine().getOut();
      report.printf("%s: %d actors %s%n", out, rows.size(), byType);
      return 0;
    }

    /** UTF-8, or Latin-1 where a file is not (Phoenix's country file is not). */
    private static List<String> lines(Path file) throws IOException {
      byte[] bytes = Files.readAllBytes(file);
      try {
        return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString().lines().toList();
      } catch (CharacterCodingException e) {
        return new String(bytes, StandardCharsets.ISO_8859_1).lines().toList();
      }
    }

    private LocalDate date() {
      try {
        return asOf == null ? LocalDate.now() : LocalDate.parse(asOf);
      } catch (DateTimeParseException e) {
        throw new UserError("--as-of takes an ISO date such as 2025-06-01, not " + asOf);
      }
    }
  }
}
