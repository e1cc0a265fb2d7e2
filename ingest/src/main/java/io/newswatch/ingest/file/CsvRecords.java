package io.newswatch.ingest.file;

import io.newswatch.ingest.article.ArticleParser;
import io.newswatch.ingest.article.Rejected;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Reads CSV records (RFC 4180) one at a time, each with the line it starts on: fields are
 * separated by commas, and a field in quotes may hold commas, quotes written twice ({@code ""})
 * and line breaks, so a record can span several lines. A line break is LF, CRLF or CR; one
 * inside a quoted field is read as LF whatever the file uses. Blank lines between records are
 * skipped.
 *
 * <p>A record whose quotes cannot be read is malformed, and it takes only its first line: the
 * usual cause is a quote opened and never closed, which makes every later line part of one
 * field, so the lines after the first are read again as records of their own. A quoted field
 * still open after {@link ArticleParser#MAX_CHARS} characters is taken for unterminated: a
 * record that long could not become an article unless the length were all in unmapped columns,
 * and the bound keeps one stray quote from holding the rest of the file in memory.
 */
final class CsvRecords {
  /**
   * A record: the line it starts on, its text as read (its lines joined by LF, or only the first
   * line when it is malformed), and its fields, or why they could not be read.
   */
  record Record(long line, String text, List<String> fields, String malformed) {
    /** @throws Rejected when the record is malformed */
    List<String> fieldsOrRejected() throws Rejected {
      if (malformed != null) {
        throw new Rejected(malformed);
      }
      return fields;
    }
  }

  private final BufferedReader in;
  /** Lines after a malformed record's first, to be read before the rest of the input, in order. */
  private final Deque<String> again = new ArrayDeque<>();
  /** The number of the last line read. */
  private long lineNumber;

  CsvRecords(Reader input) {
    in = new BufferedReader(input);
  }

  /** @return the next record, or null at the end of the input */
  Record next() throws IOException {
    String first = line();
    while (first != null && first.isBlank()) {
      first = line();
    }
    return first == null ? null : new Parse(first).record();
  }

  private String line() throws IOException {
    String line = again.isEmpty() ? in.readLine() : again.removeFirst();
    if (line != null) {
      lineNumber++;
    }
    return line;
  }

  /** One record being read, from its first line on. */
  private final class Parse {
    private final long start = lineNumber;
    private final List<String> lines = new ArrayList<>();
    private final List<String> fields = new ArrayList<>();
    private final StringBuilder field = new StringBuilder();
    /** Characters read for this record, line breaks included. */
    private long chars;
    private String text;
    /** The position in {@code text} of the next character to read. */
    private int at;

    Parse(String first) {
      add(first);
    }

    private void add(String line) {
      lines.add(line);
      chars += line.length() + 1;
      text = line;
      at = 0;
    }

    Record record() throws IOException {
      while (at < text.length()) {
        char c = text.charAt(at++);
        if (c == ',') {
          endField();
        } else if (c != '"') {
          field.append(c);
        } else if (field.isEmpty()) { // a quote opens a field only at its start; quoted() checks what follows its close
          String problem = quoted();
          if (problem != null) {
            return malformed(problem);
          }
        } else {
          return malformed(where() + "a quote inside an unquoted field "
              + "(quote the whole field, and write each quote in it twice)");
        }
      }
      endField();
      return new Record(start, String.join("\n", lines), List.copyOf(fields), null);
    }

    /**
     * Reads a quoted field from just after its opening quote to just after its closing one,
     * which is left at the end of the line or before a comma.
     *
     * @return null, or why the field cannot be read
     */
    private String quoted() throws IOException {
      long opened = lineNumber;
      while (true) {
        if (at == text.length()) {
          if (chars > ArticleParser.MAX_CHARS) {
            return "unterminated quote opened on line " + opened + " (no closing quote within "
                + ArticleParser.MAX_CHARS + " characters)";
          }
          String next = line();
          if (next == null) {
            return "unterminated quote opened on line " + opened + " (no closing quote before the end of the file)";
          }
          add(next);
          field.append('\n');
          continue;
        }
        char c = text.charAt(at++);
        if (c != '"') {
          field.append(c);
        } else if (at < text.length() && text.charAt(at) == '"') {
          field.append('"');
          at++;
        } else if (at == text.length() || text.charAt(at) == ',') {
          return null;
        } else if (lineNumber == opened) {
          return where() + "text after the closing quote (a quote inside a quoted field is written twice)";
        } else {
          return "unterminated quote opened on line " + opened + " (the next quote, on line " + lineNumber
              + ", is followed by text, not a comma or the end of the line)";
        }
      }
    }

    private void endField() {
      fields.add(field.toString());
      field.setLength(0);
    }

    /** Where a problem is, for its reason: the field, and the line when it is not the record's first. */
    private String where() {
      return "field " + (fields.size() + 1) + (lineNumber == start ? "" : ", line " + lineNumber) + ": ";
    }

    /** The record as its first line only; the lines read after it will be read again. */
    private Record malformed(String problem) {
      for (int i = lines.size() - 1; i > 0; i--) {
        again.addFirst(lines.get(i));
      }
      lineNumber = start;
      return new Record(start, lines.get(0), null, problem);
    }
  }
}
