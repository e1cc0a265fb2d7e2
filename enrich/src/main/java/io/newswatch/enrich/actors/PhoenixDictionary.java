package io.newswatch.enrich.actors;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads actor dictionaries of the PETRARCH/TABARI (Phoenix) format into rows of newswatch's
 * actor file ({@code actors.tsv}: id, type, country, name, aliases, capitals).
 *
 * <p>The format: an entry starts with a line {@code CANONICAL_NAME_ [CODE ...] # comment};
 * {@code +ALIAS_} lines add names, and {@code [CODE DATES]} lines (indented, or on the entry's
 * line) give its roles. Underscores are spaces. A role code is a CAMEO code: three letters
 * of a country (ISO 3166 alpha-3) and sector letters ({@code RUSGOV}, {@code UKRMIL}), or an
 * international one ({@code IGOUNO}). Dates are {@code YYMMDD} or {@code YYYYMMDD}:
 * {@code 990809-000507} a span, {@code >080508} from then on, {@code <000101} until then,
 * none always.
 *
 * <p>What an entry becomes, from its role on {@code asOf} (a dated role that holds then, else
 * an undated one; an entry with neither is left out, since it no longer acts): id
 * {@code <country or code>.<CANONICAL_NAME>}; type {@code country} for a bare country code,
 * {@code organisation} for IGO/NGO codes, {@code armed_group} for rebel, insurgent and
 * militant codes, {@code person} for an entry with dated roles (people hold offices for a
 * while), else {@code government}. Generic agents ({@code [~AGR]}) are not actors and are
 * skipped. Names that are towns (as {@code isTown} says, e.g. the gazetteer: Phoenix lists
 * "KYIV" and "DONETSK" as names of Ukraine) go to the capitals column, where they stand for
 * the actor only when it speaks or acts ("Kyiv said").
 */
public final class PhoenixDictionary {
  private static final Pattern ROLE = Pattern.compile("\\[([^\\]\\s]+)(?:\\s+([^\\]]*))?\\]");
  private static final Set<String> ARMED = Set.of("REB", "INS", "IMG", "UAF", "SEP");
  /** ISO alpha-3 to alpha-2, from the JDK's own tables. */
  private static final Map<String, String> ALPHA2 = alpha2();

  private PhoenixDictionary() {}

  /** One role of an entry: its CAMEO code and dates as written (empty: always). */
  private record Role(String code, String dates) {}

  private static final class Entry {
    final String name;
    final Set<String> aliases = new LinkedHashSet<>();
    final List<Role> roles = new ArrayList<>();

    Entry(String name) {
      this.name = name;
    }
  }

  /** The actor rows of the dictionary {@code lines}, current on {@code asOf}. */
  public static List<String[]> read(List<String> lines, LocalDate asOf, Predicate<String> isTown) {
    List<Entry> entries = new ArrayList<>();
    Entry entry = null;
    for (String raw : lines) {
      String line = raw.replaceFirst("#.*", "");
      if (line.isBlank()) {
        continue;
      }
      if (line.startsWith("+")) {
        if (entry != null) {
          entry.aliases.add(words(line.substring(1)));
        }
      } else if (Character.isWhitespace(line.charAt(0)) && entry != null) {
        entry.roles.addAll(roles(line));
      } else {
        String name = words(line.replaceFirst("\\[.*", ""));
        if (name.isEmpty()) {
          continue;
        }
        entry = new Entry(name);
        entry.roles.addAll(roles(line));
        entries.add(entry);
      }
    }
    List<String[]> rows = new ArrayList<>();
    for (Entry e : entries) {
      String[] row = row(e, asOf, isTown);
      if (row != null) {
        rows.add(row);
      }
    }
    return rows;
  }

  private static String[] row(Entry e, LocalDate asOf, Predicate<String> isTown) {
    Role role = current(e.roles, asOf);
    if (role == null || role.code().startsWith("~")) {
      return null;
    }
    String code = role.code().toUpperCase(Locale.ROOT);
    String country = code.length() >= 3 ? ALPHA2.get(code.substring(0, 3)) : null;
    String type = type(code, e.roles);
    String id = (country != null ? code.substring(0, 3) : code) + "." + e.name.replace(' ', '_');
    Set<String> aliases = new LinkedHashSet<>();
    List<String> capitals = new ArrayList<>();
    aliases.add(e.name);
    for (String alias : e.aliases) {
      (isTown.test(alias) ? capitals : aliases).add(alias);
    }
    return new String[] {id, type, country == null ? "" : country, title(e.name),
        String.join("|", aliases), String.join("|", capitals)};
  }

  private static String type(String code, List<Role> roles) {
    if (code.length() == 3 && ALPHA2.containsKey(code)) {
      return "country";
    }
    if (code.startsWith("IGO") || code.startsWith("NGO")) {
      return "organisation";
    }
    for (String armed : ARMED) {
      if (code.contains(armed)) {
        return "armed_group";
      }
    }
    return roles.stream().anyMatch(r -> !r.dates().isEmpty()) ? "person" : "government";
  }

  /** The dated role that holds on {@code asOf}, else the first undated one, else null. */
  private static Role current(List<Role> roles, LocalDate asOf) {
    Role undated = null;
    for (Role role : roles) {
      if (role.dates().isEmpty()) {
        undated = undated == null ? role : undated;
      } else if (holds(role.dates(), asOf)) {
        return role;
      }
    }
    return undated;
  }

  private static boolean holds(String dates, LocalDate asOf) {
    if (dates.startsWith(">")) {
      return !asOf.isBefore(date(dates.substring(1)));
    }
    if (dates.startsWith("<")) {
      return asOf.isBefore(date(dates.substring(1)));
    }
    String[] span = dates.split("-");
    return span.length == 2 && !asOf.isBefore(date(span[0])) && !asOf.isAfter(date(span[1]));
  }

  /** {@code YYMMDD} (years from 50 are 19xx) or {@code YYYYMMDD}; a date it cannot read is the distant past. */
  private static LocalDate date(String s) {
    String digits = s.strip();
    try {
      if (digits.length() == 8) {
        return LocalDate.of(Integer.parseInt(digits.substring(0, 4)),
            Integer.parseInt(digits.substring(4, 6)), Integer.parseInt(digits.substring(6, 8)));
      }
      int yy = Integer.parseInt(digits.substring(0, 2));
      return LocalDate.of(yy >= 50 ? 1900 + yy : 2000 + yy,
          Integer.parseInt(digits.substring(2, 4)), Integer.parseInt(digits.substring(4, 6)));
    } catch (RuntimeException e) {
      return LocalDate.MIN;
    }
  }

  private static List<Role> roles(String line) {
    List<Role> roles = new ArrayList<>();
    Matcher m = ROLE.matcher(line);
    while (m.find()) {
      roles.add(new Role(m.group(1), m.group(2) == null ? "" : m.group(2).strip()));
    }
    return roles;
  }

  /** TABARI's {@code VLADIMIR_V._PUTIN_} as words: {@code VLADIMIR V. PUTIN}. */
  private static String words(String s) {
    return s.strip().replace('_', ' ').strip().replaceAll("\\s+", " ");
  }

  /** {@code VLADIMIR PUTIN} as {@code Vladimir Putin}, for the canonical name. */
  private static String title(String name) {
    StringBuilder out = new StringBuilder(name.length());
    boolean start = true;
    for (char c : name.toCharArray()) {
      out.append(start ? c : Character.toLowerCase(c));
      start = !Character.isLetter(c);
    }
    return out.toString();
  }

  private static Map<String, String> alpha2() {
    Map<String, String> map = new TreeMap<>();
    for (String a2 : Locale.getISOCountries()) {
      map.put(new Locale("", a2).getISO3Country(), a2);
    }
    return map;
  }
}
