package io.newswatch.enrich.gazetteer;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The gazetteer file: gzip'd UTF-8 lines, a {@value #HEADER} line then one place per line,
 * tab-separated: id, kind, name, countryCode, admin1Code, admin1, lat, lon, population, the
 * aliases separated by {@code |}, then the place's former ids separated by {@code |} (ids it
 * had in earlier builds, see {@link GazetteerBuilder}). Empty fields are nulls. A version 1
 * file, without former ids, is read too: files built with {@code gazetteer import} outlive a
 * release. Aliases are kept as written,
 * not folded, so a change to normalisation needs no rebuild (a rebuild only brings back
 * spellings that the old folding merged, see {@link GazetteerBuilder}).
 */
final class GazetteerFile {
  static final String HEADER = "#newswatch-gazetteer\t2";
  private static final String HEADER_V1 = "#newswatch-gazetteer\t1";

  private GazetteerFile() {}

  /** Writes places with their aliases; closes nothing but finishes the gzip stream. */
  static void write(OutputStream out, List<Entry> entries) throws IOException {
    GZIPOutputStream gzip = new GZIPOutputStream(out, 1 << 16);
    Writer writer = new BufferedWriter(new OutputStreamWriter(gzip, StandardCharsets.UTF_8));
    writer.write(HEADER + "\n");
    for (Entry entry : entries) {
      Place p = entry.place();
      writer.write(String.join("\t", Long.toString(p.geonameId()), p.kind().label(), p.name(),
          p.countryCode(), orEmpty(p.admin1Code()), orEmpty(p.admin1()), Double.toString(p.lat()),
          Double.toString(p.lon()), Long.toString(p.population()), String.join("|", entry.aliases()),
          String.join("|", entry.formerIds().stream().map(String::valueOf).toList())));
      writer.write('\n');
    }
    writer.flush();
    gzip.finish();
  }

  /** The place lines, unparsed: parsing can then run on every core (see {@link #parse}). */
  static List<String> lines(InputStream in) throws IOException {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(in, 1 << 16), StandardCharsets.UTF_8), 1 << 16)) {
      String header = reader.readLine();
      if (!HEADER.equals(header) && !HEADER_V1.equals(header)) {
        throw new IOException("not a newswatch gazetteer file (header " + header + ")");
      }
      List<String> lines = new ArrayList<>();
      for (String line; (line = reader.readLine()) != null; ) {
        lines.add(line);
      }
      return lines;
    }
  }

  /** One place line: the place and its aliases. */
  static Entry parse(String line) {
    String[] f = line.split("\t", -1);
    if (f.length != 10 && f.length != 11) {
      throw new IllegalArgumentException("gazetteer line with " + f.length + " fields, not 11: " + line);
    }
    Place place = new Place(Long.parseLong(f[0]), f[2], Place.Kind.ofLabel(f[1]), f[3],
        orNull(f[4]), orNull(f[5]), Double.parseDouble(f[6]), Double.parseDouble(f[7]),
        Long.parseLong(f[8]));
    List<Long> formerIds = f.length < 11 || f[10].isEmpty() ? List.of()
        : Arrays.stream(f[10].split("\\|")).map(Long::valueOf).toList();
    return new Entry(place, f[9].isEmpty() ? List.of() : Arrays.asList(f[9].split("\\|")), formerIds);
  }

  record Entry(Place place, List<String> aliases, List<Long> formerIds) {
    Entry withFormerIds(List<Long> ids) {
      return new Entry(place, aliases, ids);
    }
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static String orNull(String s) {
    return s.isEmpty() ? null : s;
  }
}
