package io.newswatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import io.newswatch.schemas.Json;

/**
 * Valid raw-article lines, made from a seeded {@link Random}, and the garbage made from them:
 * fields dropped, doubled or of the wrong type, huge, control or random characters, absurd
 * dates, deep nesting, then bytes cut, flipped or made invalid UTF-8. What it did is listed
 * in {@link Case#mutations()}, for the report of a failing case.
 */
final class ArticleMutator {
  /** A file's content and the mutations that made it. */
  record Case(byte[] content, List<String> mutations) {}

  static final Instant NOW = Instant.parse("2025-11-21T00:00:00Z");
  private static final String[] FIELDS = {"id", "url", "source", "title", "body", "publishedAt", "language", "author"};
  private static final String[] TOWNS = {"Kostiantynivka", "Konstantinovka", "Костянтинівка", "Kramatorsk",
      "Краматорськ", "Sloviansk", "Pokrovsk", "Bakhmut", "Donetsk oblast", "Ukraine", "Kyiv", "Moscow", "Nice"};
  private static final String[] WORDS = {"shelling", "was", "reported", "in", "near", "the", "army", "said",
      "drone", "attack", "killed", "residents", "Putin", "Zelensky", "on", "Tuesday", "convoy", "SAM"};
  private static final String[] DATES = {"1970-01-01T00:00:00Z", "2100-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z",
      "-999999999-01-01T00:00:00Z", "0000-00-00T00:00:00Z", "2025-02-30T10:00:00Z", "2025-11-20T10:00:00",
      "1732060800", "", "2025-11-20T25:61:61+99:00"};
  private static final String[] URLS = {"javascript:alert(1)", "http://", "https://[::1]:99999/x", "ftp://e.org/a",
      "https://例え.jp/ニュース?utm_source=x#top", "http://a b.org/", "https://e.org/" + "x".repeat(5000), "//e.org/x"};
  private static final String DEEP = "@deep@";
  private static final String WEIRD = "\u0000\u0007\u001b\u007f\u200b\u202e\u00ad\ufeff\ufffd\ud83d\ude80\u0301";

  private final Random random;

  ArticleMutator(Random random) {
    this.random = random;
  }

  /** A valid article or two, then, most of the time, one to four mutations. */
  Case next() {
    List<String> mutations = new ArrayList<>();
    ObjectNode article = valid();
    int treeMutations = random.nextInt(10) == 0 ? 0 : random.nextInt(3);
    for (int i = 0; i < treeMutations; i++) {
      mutations.add(mutateTree(article));
    }
    byte[] bytes = serialise(article, mutations);
    int byteMutations = random.nextInt(4) == 0 ? 1 + random.nextInt(2) : 0;
    for (int i = 0; i < byteMutations; i++) {
      bytes = mutateBytes(bytes, mutations);
    }
    if (random.nextInt(8) == 0) {
      mutations.add("a valid line after it");
      bytes = concat(bytes, ("\n" + valid()).getBytes(StandardCharsets.UTF_8));
    }
    return new Case(bytes, mutations);
  }

  ObjectNode valid() {
    ObjectNode a = JsonNodeFactory.instance.objectNode();
    int n = random.nextInt(1_000_000);
    if (random.nextBoolean()) {
      a.put("id", "a" + n);
    }
    a.put("url", "https://news" + n % 7 + ".example/story/" + n + (random.nextBoolean() ? "?utm_source=rss" : ""));
    a.put("source", "news" + n % 7 + ".example");
    a.put("title", sentence(3 + random.nextInt(8)));
    a.put("body", random.nextInt(10) == 0 ? "" : paragraph());
    a.put("publishedAt", NOW.minusSeconds(random.nextInt(30 * 86_400)).toString());
    if (random.nextBoolean()) {
      a.put("language", random.nextBoolean() ? "en" : "uk");
    }
    return a;
  }

  private String mutateTree(ObjectNode a) {
    String field = FIELDS[random.nextInt(FIELDS.length)];
    switch (random.nextInt(9)) {
      case 0 -> {
        a.remove(field);
        return "dropped " + field;
      }
      case 1 -> {
        JsonNode wrong = switch (random.nextInt(5)) {
          case 0 -> JsonNodeFactory.instance.numberNode(random.nextLong());
          case 1 -> JsonNodeFactory.instance.booleanNode(true);
          case 2 -> JsonNodeFactory.instance.arrayNode().add("x");
          case 3 -> JsonNodeFactory.instance.objectNode().put("x", 1);
          default -> JsonNodeFactory.instance.nullNode();
        };
        a.set(field, wrong);
        return field + " as " + wrong.getNodeType();
      }
      case 2 -> {
        int length = random.nextBoolean() ? 100_000 + random.nextInt(200_000) : 1 << 20;
        String words = sentence(3);
        a.put(field, words.repeat(length / words.length() + 1).substring(0, length));
        return field + " of " + length + " characters";
      }
      case 3 -> {
        a.put(field, insert(text(a, field), WEIRD));
        return "control and odd characters in " + field;
      }
      case 4 -> {
        StringBuilder s = new StringBuilder();
        for (int i = random.nextInt(200); i > 0; i--) {
          s.append((char) random.nextInt(Character.MAX_VALUE + 1)); // lone surrogates included
        }
        a.put(field, insert(text(a, field), s.toString()));
        return "random UTF-16 in " + field;
      }
      case 5 -> {
        String date = DATES[random.nextInt(DATES.length)];
        a.put("publishedAt", date);
        return "publishedAt " + date;
      }
      case 6 -> {
        String url = URLS[random.nextInt(URLS.length)];
        a.put("url", url);
        return "url " + url.substring(0, Math.min(40, url.length()));
      }
      case 7 -> {
        int depth = random.nextBoolean() ? 1 + random.nextInt(50) : 5_000;
        if (depth > 50) { // deeper than Jackson writes: spliced in as text by serialise
          a.put(field, DEEP);
          return field + " nested " + depth + " deep";
        }
        JsonNode nested = JsonNodeFactory.instance.textNode("deep");
        for (int i = 0; i < depth; i++) {
          nested = random.nextBoolean() ? JsonNodeFactory.instance.arrayNode().add(nested)
              : JsonNodeFactory.instance.objectNode().set("x", nested);
        }
        a.set(field, nested);
        return field + " nested " + depth + " deep";
      }
      default -> {
        StringBuilder places = new StringBuilder();
        for (int i = 2_000 + random.nextInt(8_000); i > 0; i--) {
          places.append(TOWNS[random.nextInt(TOWNS.length)]).append(", ");
        }
        a.put("body", places.toString());
        return "a body of place names";
      }
    }
  }

  /** The article as a JSON line, sometimes with a field written twice or one left unclosed. */
  private byte[] serialise(ObjectNode article, List<String> mutations) {
    try {
      String line = Json.MAPPER.writeValueAsString(article).replace('"' + DEEP + '"', "[".repeat(5_000) + "]".repeat(5_000));
      if (random.nextInt(10) == 0 && line.length() > 1) {
        mutations.add("title written twice");
        line = "{\"title\": " + Json.MAPPER.writeValueAsString(sentence(2)) + "," + line.substring(1);
      }
      return line.getBytes(StandardCharsets.UTF_8);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private byte[] mutateBytes(byte[] bytes, List<String> mutations) {
    int at = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
    switch (random.nextInt(5)) {
      case 0 -> {
        mutations.add("cut at byte " + at);
        return Arrays.copyOf(bytes, at);
      }
      case 1 -> {
        byte[] flipped = bytes.clone();
        for (int i = 1 + random.nextInt(8); i > 0 && flipped.length > 0; i--) {
          flipped[random.nextInt(flipped.length)] ^= (byte) (1 << random.nextInt(8));
        }
        mutations.add("bits flipped");
        return flipped;
      }
      case 2 -> {
        byte[][] invalid = {{(byte) 0xff}, {(byte) 0xc3, 0x28}, {(byte) 0x80}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
            {(byte) 0xc0, (byte) 0xaf}, {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}};
        mutations.add("invalid UTF-8 at byte " + at);
        return splice(bytes, at, invalid[random.nextInt(invalid.length)]);
      }
      case 3 -> {
        byte[] noise = new byte[random.nextInt(64)];
        random.nextBytes(noise);
        mutations.add(noise.length + " random bytes at byte " + at);
        return splice(bytes, at, noise);
      }
      default -> {
        mutations.add("line break at byte " + at);
        return splice(bytes, at, new byte[] {'\n'});
      }
    }
  }

  private String sentence(int words) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < words; i++) {
      s.append(random.nextInt(4) == 0 ? TOWNS[random.nextInt(TOWNS.length)] : WORDS[random.nextInt(WORDS.length)]);
      s.append(i + 1 < words ? " " : ". ");
    }
    return s.toString();
  }

  private String paragraph() {
    StringBuilder s = new StringBuilder(random.nextBoolean() ? "<p>" : "");
    for (int i = 1 + random.nextInt(12); i > 0; i--) {
      s.append(sentence(4 + random.nextInt(12)));
    }
    return s.toString();
  }

  private String insert(String into, String what) {
    int at = into.isEmpty() ? 0 : random.nextInt(into.length());
    return into.substring(0, at) + what + into.substring(at);
  }

  private static String text(ObjectNode a, String field) {
    JsonNode value = a.get(field);
    return value != null && value.isTextual() ? value.asText() : "";
  }

  private static byte[] splice(byte[] bytes, int at, byte[] inserted) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + inserted.length);
    out.write(bytes, 0, at);
    out.write(inserted, 0, inserted.length);
    out.write(bytes, at, bytes.length - at);
    return out.toByteArray();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    return splice(a, a.length, b);
  }
}
