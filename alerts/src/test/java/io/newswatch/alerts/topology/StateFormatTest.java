package io.newswatch.alerts.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newswatch.alerts.Donbas;
import io.newswatch.alerts.detector.Detector;
import io.newswatch.alerts.detector.DetectorSettings;
import io.newswatch.alerts.detector.FeedVolume;
import io.newswatch.alerts.detector.PlaceState;
import io.newswatch.alerts.detector.PlaceState.Bucket;
import io.newswatch.alerts.detector.PlaceState.Rest;
import io.newswatch.alerts.detector.PlaceState.Story;
import io.newswatch.avro.Level;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class StateFormatTest {
  private final Serde<PlaceState> states = StateFormat.placeStates();

  /** Kostiantynivka's state after the demo feed: an escalation, alerts raised, outlets known, originals. */
  private static PlaceState afterTheDemo() {
    Detector detector = Detector.start(DetectorSettings.defaults(), Donbas.KOSTIANTYNIVKA);
    Donbas.demo().forEach(a -> detector.onArticle(a, DetectorSettings.defaults().fullFeedPerDay()));
    return detector.state();
  }

  private static <T> T roundTrip(Serde<T> serde, T value) {
    return serde.deserializer().deserialize("changelog", serde.serializer().serialize("changelog", value));
  }

  @Test
  void aPlaceStateSurvivesTheStore() {
    PlaceState state = afterTheDemo();
    assertThat(state.lastAlertAt()).isNotEmpty();
    assertThat(state.originals()).isNotEmpty();
    assertThat(state.buckets()).flatExtracting(Bucket::stories).isNotEmpty();

    assertThat(roundTrip(states, state)).isEqualTo(state);
  }

  @Test
  void whatIsOnlyCountedAndWhatIsAbsentSurviveToo() {
    PlaceState state = afterTheDemo();
    Bucket counted = new Bucket(state.windowStart(), List.of(),
        new Rest(120, 80, 96.5, 41.25, List.of("b.example", "a.example", "ї.example")));
    PlaceState busy = state.withBuckets(List.of(counted));
    PlaceState unnamed = new PlaceState(1, null, null, Double.NaN, -0.0, null, 0, 0, 0, 0, Long.MIN_VALUE,
        List.of(), Map.of(), Map.of(), List.of(), 0, 0, List.of(), List.of());

    assertThat(roundTrip(states, busy)).isEqualTo(busy);
    assertThat(roundTrip(states, unnamed)).isEqualTo(unnamed);
  }

  @Test
  void aStoryKeepsItsEvidenceAndItsEcho() {
    Story original = new Story("a1", "Обстріл Костянтинівки", "https://example.org/1", "example.org", 1_700_000_000_000L,
        0.75, 2.5, List.of("shelling", "killed"), List.of("Russian forces"), null);
    Story echo = new Story("a2", "Обстріл Костянтинівки", null, "copy.example", 1_700_000_060_000L, 0.75, 2.5,
        List.of(), List.of(), "a1");

    assertThat(roundTrip(StateFormat.stories(), original)).isEqualTo(original);
    assertThat(roundTrip(StateFormat.stories(), echo)).isEqualTo(echo);
  }

  @Test
  void aFeedVolumeSurvivesTheStore() {
    FeedVolume.State volume = new FeedVolume.State(1234.5, 1_700_000_000_000L, 1_700_086_400_000L);

    assertThat(roundTrip(StateFormat.feedVolumes(), volume)).isEqualTo(volume);
  }

  @Test
  void stateOfAnotherFormatOrCutShortIsRefusedWithAReason() {
    byte[] json = "{\"placeId\":705104}".getBytes(StandardCharsets.UTF_8);
    byte[] stored = states.serializer().serialize("t", afterTheDemo());
    byte[] cut = Arrays.copyOf(stored, stored.length - 3);
    byte[] longer = Arrays.copyOf(stored, stored.length + 1);

    assertThatThrownBy(() -> states.deserializer().deserialize("t", json))
        .isInstanceOf(SerializationException.class).hasMessageContaining("newswatch replay");
    assertThatThrownBy(() -> states.deserializer().deserialize("t", cut))
        .isInstanceOf(SerializationException.class).hasMessageContaining("cut short or corrupt");
    assertThatThrownBy(() -> states.deserializer().deserialize("t", longer))
        .isInstanceOf(SerializationException.class);
  }

  @Test
  void aLevelIsStoredByItsPlaceInTheReleasedEnum() {
    // the format stores a level by its index: the released Avro enum's order must not change
    assertThat(Level.values()).containsExactly(Level.NORMAL, Level.ELEVATED, Level.ESCALATING, Level.CRITICAL);
  }
}
