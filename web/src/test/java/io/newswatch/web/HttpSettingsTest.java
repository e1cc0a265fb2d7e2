package io.newswatch.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class HttpSettingsTest {
  @Test
  void listeningBeyondLoopbackWithoutATokenIsRefused() {
    assertThatThrownBy(() -> new HttpSettings("0.0.0.0", 8080, null, Set.of(), false))
        .hasMessageContaining("needs an access token");
    assertThatThrownBy(() -> new HttpSettings("desk.example.org", 8080, " ", Set.of(), false))
        .hasMessageContaining("needs an access token");
    assertThat(new HttpSettings("::1", 8080, null, Set.of(), false).token()).isNull();
  }

  @Test
  void theBoundNameIsOneOfTheServersNames() {
    assertThat(new HttpSettings("Desk.Example.org", 8080, "t", Set.of("Other.example"), false).hostNames())
        .containsExactlyInAnyOrder("desk.example.org", "other.example");
    assertThat(new HttpSettings("0.0.0.0", 8080, "t", Set.of(), false).hostNames()).isEmpty();
  }
}
