package io.newswatch.ingest.file;

import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;

/**
 * Text files saved by spreadsheet programs and Windows editors start with a byte-order mark
 * (U+FEFF). Read as text it would be part of the first CSV column's name, or make the first
 * JSON line invalid; it is not content, so it is dropped before reading.
 */
final class ByteOrderMark {
  private ByteOrderMark() {}

  static Reader skipped(Reader input) throws IOException {
    PushbackReader in = new PushbackReader(input, 1);
    int first = in.read();
    if (first != -1 && first != '\uFEFF') {
      in.unread(first);
    }
    return in;
  }
}
