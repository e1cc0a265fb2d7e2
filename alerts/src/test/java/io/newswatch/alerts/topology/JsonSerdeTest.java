package io.newswatch.alerts.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newswatch.alerts.Donbas;
import io.newswatch.alerts.detector.Detector;
import io.newswatch.alerts.detector.DetectorSettings;
import io.newswatch.alerts.detector.PlaceState;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class JsonSerdeTest {
  private final JsonSerde<PlaceState> serde = new JsonSerde<>(PlaceState.class);

  @Test
  void aPlaceStateSurvivesTheStore() {
    Detector detector = Detector.start(DetectorSettings.defaults(), Donbas.KOSTIANTYNIVKA);
    Donbas.demo().forEach(a -> detector.onArticle(a, DetectorSettings.defaults().fullFeedPerDay()));
    PlaceState state = detector.state();

    byte[] stored = serde.serializer().serialize("changelog", state);

    assertThat(serde.deserializer().deserialize("changelog", stored)).isEqualTo(state);
  }

  @Test
  void fieldsItDoesNotKnowAreIgnoredAndGarbageIsRejected() {
    Detector detector = Detector.start(DetectorSettings.defaults(), Donbas.KOSTIANTYNIVKA);
    String json = new String(serde.serializer().serialize("t", detector.state()), StandardCharsets.UTF_8);
    byte[] newer = json.replaceFirst("\\{", "{\"addedInV2\":1,").getBytes(StandardCharsets.UTF_8);

    assertThat(serde.deserializer().deserialize("t", newer)).isEqualTo(detector.state());
    assertThatThrownBy(() -> serde.deserializer().deserialize("t", "not json".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SerializationException.class);
  }
}
