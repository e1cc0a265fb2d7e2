package io.newswatch.alerts.detector;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.avro.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertWriterTest {
  /**
   * A subscriber deduplicates by alert id across replays and restarts: the id is the first half
   * of the SHA-256 of "placeId|level|windowStart", here as Python's hashlib gives it. The second
   * is the id of Kharkiv's ESCALATING alert of 24 February 2022 on the CIR events.
   */
  @Test
  void anAlertIdIsTheHalfSha256OfPlaceLevelAndWindow() {
    assertThat(AlertWriter.alertId(705104, Level.ESCALATING, 1763640000000L))
        .isEqualTo("51e28590fdc3fe41da2b6acc3b004fdb");
    assertThat(AlertWriter.alertId(706483, Level.ESCALATING, Instant.parse("2022-02-24T00:00:00Z").toEpochMilli()))
        .isEqualTo("8a8b037ae33058f3b32d8a1c477e0f69");
    assertThat(AlertWriter.alertId(706483, Level.CRITICAL, Instant.parse("2022-02-24T00:00:00Z").toEpochMilli()))
        .as("another level of the same window is another alert").isNotEqualTo("8a8b037ae33058f3b32d8a1c477e0f69");
  }

  @Test
  void theSummarySaysHowMuchFromHowManyAndWhatAgainstUsual() {
    assertThat(AlertWriter.summary("Kostiantynivka", 14, 9, 4, Duration.ofHours(6), 7.04, false,
        List.of("intense fighting", "shelling")))
        .isEqualTo("Kostiantynivka: 14 stories from 9 sources (4 new) in 6 h, 7.0x usual; intense fighting, shelling");
    assertThat(AlertWriter.summary("Kharkiv", 5, 4, 0, Duration.ofDays(1), 12.6, true, List.of()))
        .as("no new sources, ten times usual or more, a climb rather than a spike, no cues")
        .isEqualTo("Kharkiv: 5 stories from 4 sources in 1 d, 13x usual, a sustained rise");
    assertThat(AlertWriter.summary("Izium", 3, 2, 0, Duration.ofMinutes(90), 2.0, false, List.of()))
        .isEqualTo("Izium: 3 stories from 2 sources in 90 min, 2.0x usual");
  }
}
