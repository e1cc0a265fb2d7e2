package io.newswatch.ingest.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.newswatch.avro.RawArticle;
import io.newswatch.ingest.ListSink;
import io.newswatch.ingest.ListSink.Rejection;
import io.newswatch.ingest.article.ArticleParser;
import java.io.IOException;
import java.io.StringReader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class CsvImporterTest {
  final ArticleParser parser = new ArticleParser(Clock.systemUTC());

  @Test
  void mappedColumnsBecomeArticleFieldsAndABadRowIsRejectedWithItsLine() throws Exception {
    String csv = """
        headline,link,date,text
        "Shelling in Kramatorsk, again",https://example.org/a?utm_source=x,2025-11-20T10:00:00Z,"Two lines
        of body"
        ,,not-a-date,body only
        """;
    ListSink sink = new ListSink();

    ImportSummary summary = new CsvImporter(parser, Map.of("title", "headline", "url", "link",
        "publishedAt", "date", "body", "text")).importFrom("export.csv", new StringReader(csv), sink);

    assertThat(summary.toString()).isEqualTo("export.csv: 2 read, 1 sent, 1 rejected");
    assertThat(sink.articles).extracting(RawArticle::getTitle, RawArticle::getUrl, RawArticle::getBody)
        .containsExactly(tuple("Shelling in Kramatorsk, again", "https://example.org/a", "Two lines\nof body"));
    assertThat(sink.rejections).singleElement().satisfies(r -> {
      assertThat(r.line()).isEqualTo(4);
      assertThat(r.input()).isEqualTo(",,not-a-date,body only");
      assertThat(r.reason()).startsWith("publishedAt is not an ISO-8601");
    });
  }

  @Test
  void anUnterminatedQuoteLosesOnlyItsOwnRow() throws Exception {
    String csv = """
        id,title,body
        1,First,fine
        2,"Second,never closed
        3,Third,fine
        4,Fourth,fine
        """;
    ListSink sink = new ListSink();

    ImportSummary summary = new CsvImporter(parser, Map.of()).importFrom("cut.csv", new StringReader(csv), sink);

    assertThat(sink.articles).extracting(RawArticle::getId).containsExactly("1", "3", "4");
    assertThat(sink.rejections).containsExactly(new Rejection("cut.csv", 3, "2,\"Second,never closed",
        "unterminated quote opened on line 3 (no closing quote before the end of the file)"));
    assertThat(summary.report()).isEqualTo("cut.csv: 4 read, 3 sent, 1 rejected\n"
        + "cut.csv:3: unterminated quote opened on line 3 (no closing quote before the end of the file)");
  }

  @Test
  void anUnterminatedQuoteClosedByALaterRowsQuoteLosesOnlyItsOwnRow() throws Exception {
    String csv = """
        id,title,body
        1,"Shelling, again",fine
        2,"Second,never closed
        3,"Third, quoted",fine
        4,Fourth,"also ""quoted""\"
        """;
    ListSink sink = new ListSink();

    new CsvImporter(parser, Map.of()).importFrom("cut.csv", new StringReader(csv), sink);

    assertThat(sink.articles).extracting(RawArticle::getId, RawArticle::getTitle, RawArticle::getBody)
        .containsExactly(tuple("1", "Shelling, again", "fine"), tuple("3", "Third, quoted", "fine"),
            tuple("4", "Fourth", "also \"quoted\""));
    assertThat(sink.rejections).singleElement().satisfies(r -> {
      assertThat(r.line()).isEqualTo(3);
      assertThat(r.input()).isEqualTo("2,\"Second,never closed");
      assertThat(r.reason()).isEqualTo("unterminated quote opened on line 3 (the next quote, on line 4, "
          + "is followed by text, not a comma or the end of the line)");
    });
  }

  @Test
  void anUnterminatedQuoteIsGivenUpAfterAsManyCharactersAsAnArticleCanHold() throws Exception {
    StringBuilder csv = new StringBuilder("id,title\n1,\"never closed\n");
    int rows = ArticleParser.MAX_CHARS / 10;
    for (int i = 2; i <= rows; i++) {
      csv.append(i).append(",Title ").append(i).append('\n');
    }
    ListSink sink = new ListSink();

    new CsvImporter(parser, Map.of()).importFrom("long.csv", new StringReader(csv.toString()), sink);

    assertThat(sink.rejections).extracting(Rejection::line, Rejection::reason).containsExactly(tuple(2L,
        "unterminated quote opened on line 2 (no closing quote within " + ArticleParser.MAX_CHARS + " characters)"));
    assertThat(sink.articles).hasSize(rows - 1);
  }

  @Test
  void quotedNewlinesAndDoubledQuotesAreReadAndTheLinesAfterThemKeepTheirNumbers() throws Exception {
    String csv = """
        id,title,body,publishedAt
        1,"He said ""no""\","first paragraph

        third line, with a comma",
        2,Second,"a ""quoted"" word
        over two lines",not-a-date
        3,Third,plain,
        """;
    ListSink sink = new ListSink();

    new CsvImporter(parser, Map.of()).importFrom("multi.csv", new StringReader(csv), sink);

    assertThat(sink.articles).extracting(RawArticle::getId, RawArticle::getTitle, RawArticle::getBody)
        .containsExactly(tuple("1", "He said \"no\"", "first paragraph\n\nthird line, with a comma"),
            tuple("3", "Third", "plain"));
    assertThat(sink.rejections).singleElement().satisfies(r -> {
      assertThat(r.line()).isEqualTo(5);
      assertThat(r.input()).isEqualTo("2,Second,\"a \"\"quoted\"\" word\nover two lines\",not-a-date");
    });
  }

  @Test
  void aCrlfFileIsReadLikeAnLfOne() throws Exception {
    String csv = "\uFEFFid,title,body\r\n1,First,\"two\r\nlines\"\r\n2,\"Second, quoted\",one line\r\n\r\n3,,\r\n";
    ListSink sink = new ListSink();

    ImportSummary summary = new CsvImporter(parser, Map.of()).importFrom("win.csv", new StringReader(csv), sink);

    assertThat(sink.articles).extracting(RawArticle::getId, RawArticle::getTitle, RawArticle::getBody)
        .containsExactly(tuple("1", "First", "two\nlines"), tuple("2", "Second, quoted", "one line"));
    assertThat(sink.rejections).extracting(Rejection::line, Rejection::input, Rejection::reason)
        .containsExactly(tuple(6L, "3,,", "no title and no body"));
    assertThat(summary.toString()).isEqualTo("win.csv: 3 read, 2 sent, 1 rejected");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
    "1,Only two|2 fields where the header has 3",
    "1,One,two,three|4 fields where the header has 3",
    "1,Shelling in \"Kramatorsk\",body|field 2: a quote inside an unquoted field "
        + "(quote the whole field, and write each quote in it twice)",
    "1,\"Shelling\" again,body|field 2: text after the closing quote (a quote inside a quoted field is written twice)",
  })
  void aMalformedRowIsRejectedWithWhatIsWrongAndTheNextIsRead(String row, String reason) throws Exception {
    ListSink sink = new ListSink();

    new CsvImporter(parser, Map.of()).importFrom("bad.csv",
        new StringReader("id,title,body\n" + row + "\n2,Next,fine\n"), sink);

    assertThat(sink.rejections).containsExactly(new Rejection("bad.csv", 2, row, reason));
    assertThat(sink.articles).extracting(RawArticle::getId).containsExactly("2");
  }

  @Test
  void aHeaderWithoutTitleOrBodySaysHowToMapOne() {
    assertThatThrownBy(() -> new CsvImporter(parser, Map.of())
        .importFrom("x.csv", new StringReader("headline,link\nA,https://example.org/\n"), new ListSink()))
        .hasMessageStartingWith("the CSV header has no title or body column; map one with title=COLUMN");
  }

  @Test
  void aHeaderThatCannotBeReadSaysWhy() {
    assertThatThrownBy(() -> new CsvImporter(parser, Map.of())
        .importFrom("x.csv", new StringReader("title,\"body\nA,B\n"), new ListSink()))
        .hasMessage("the CSV header (line 1) cannot be read: unterminated quote opened on line 1 "
            + "(no closing quote before the end of the file)");
  }

  @Test
  void anUnknownFieldInTheMappingIsRefused() {
    assertThatThrownBy(() -> new CsvImporter(parser, Map.of("headline", "title")))
        .hasMessageStartingWith("no article field headline");
  }

  @Test
  void aByteOrderMarkBeforeTheHeaderIsNoPartOfTheFirstColumnsName() throws Exception {
    String csv = "\uFEFFurl,title\nhttps://example.org/b,Shelling in Sloviansk\n";
    ListSink sink = new ListSink();

    new CsvImporter(parser, Map.of()).importFrom("bom.csv", new StringReader(csv), sink);

    assertThat(sink.articles).extracting(RawArticle::getUrl).containsExactly("https://example.org/b");
  }

  static LongStream seeds() {
    return LongStream.rangeClosed(1, 40);
  }

  /**
   * Random files of valid rows (quoted commas, doubled quotes, line breaks, LF or CRLF) with rows
   * that open a quote and never close it, and rows with a bad date: every valid row is sent with
   * its fields intact, and every rejected one is named by the line it starts on, with its text.
   */
  @ParameterizedTest
  @MethodSource("seeds")
  void noValidRowIsLostToABadOne(long seed) throws IOException {
    Random random = new Random(seed);
    String newline = random.nextBoolean() ? "\n" : "\r\n";
    StringBuilder csv = new StringBuilder("id,title,body,publishedAt").append(newline);
    long line = 2;
    List<RawArticleFields> sent = new ArrayList<>();
    List<Tuple> rejected = new ArrayList<>();
    for (int row = 0; row < 30; row++) {
      String id = "r" + row;
      if (random.nextInt(5) == 0) {
        String unterminated = id + ",\"" + text(random, false).replace("\"", "");
        csv.append(unterminated).append(newline);
        rejected.add(tuple(line++, unterminated));
        continue;
      }
      String title = text(random, false);
      String body = text(random, true);
      boolean misdated = random.nextInt(6) == 0;
      String record = id + "," + quoted(title, random) + "," + quoted(body, random) + ","
          + (misdated ? "not-a-date" : "");
      csv.append(record.replace("\n", newline)).append(newline);
      if (misdated) {
        rejected.add(tuple(line, record));
      } else {
        sent.add(new RawArticleFields(id, title, body));
      }
      line += record.chars().filter(c -> c == '\n').count() + 1;
    }
    ListSink sink = new ListSink();

    new CsvImporter(parser, Map.of()).importFrom("random.csv", new StringReader(csv.toString()), sink);

    assertThat(sink.articles).extracting(a -> new RawArticleFields(a.getId(), a.getTitle(), a.getBody()))
        .containsExactlyElementsOf(sent);
    assertThat(sink.rejections).extracting(Rejection::line, Rejection::input).containsExactlyElementsOf(rejected);
    assertThat(sink.rejections).allSatisfy(r -> assertThat(r.reason())
        .matches("unterminated quote opened on line " + r.line() + " .*|publishedAt is not an ISO-8601.*"));
  }

  private record RawArticleFields(String id, String title, String body) {}

  private static final String[] WORDS = {"Kramatorsk", "shelling,", "\"again\"", "said", "the", "mayor", "—", "ok"};

  /** Words with commas and quotes; a body may have line breaks. Starts with a letter (see quoted). */
  private static String text(Random random, boolean lines) {
    StringBuilder text = new StringBuilder("News");
    for (int words = random.nextInt(8); words > 0; words--) {
      text.append(lines && random.nextInt(4) == 0 ? "\n" : " ").append(WORDS[random.nextInt(WORDS.length)]);
    }
    return text.toString();
  }

  /**
   * The field as CSV writes it: quoted when it must be, or at random. Its first character is a
   * letter, so the quote opening it, read as the close of an earlier row's unterminated one, is
   * followed by text, which ends that row.
   */
  private static String quoted(String field, Random random) {
    boolean must = field.contains(",") || field.contains("\"") || field.contains("\n");
    return must || random.nextBoolean() ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
  }
}
