package io.newswatch.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FeedDatesTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "null", value = {
      "Thu, 20 Nov 2025 14:05:00 GMT   | 2025-11-20T14:05:00Z",
      "Thu, 20 Nov 2025 16:05:00 +0200 | 2025-11-20T14:05:00Z",
      "20 Nov 2025 09:05:00 EST        | 2025-11-20T14:05:00Z",
      "Thu, 6 Nov 2025 14:05:00 UTC    | 2025-11-06T14:05:00Z",
      "2025-11-20T14:05:00Z            | 2025-11-20T14:05:00Z",
      "2025-11-20T16:05:00.000+02:00   | 2025-11-20T14:05:00Z",
      "2025-11-20                      | 2025-11-20T00:00:00Z",
      "yesterday                       | null",
  })
  void readsTheDatesFeedsWrite(String text, Instant expected) {
    assertThat(FeedDates.parse(text)).isEqualTo(expected);
  }
}
