package io.newswatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestGuardTest {
  private static final RequestGuard LOOPBACK = new RequestGuard(HttpSettings.loopback(8080));
  private static final RequestGuard EXPOSED =
      new RequestGuard(new HttpSettings("0.0.0.0", 8080, "s3cret-token", Set.of("desk.example.org"), false));

  private static RequestGuard.Request get(String path, String host) {
    return new RequestGuard.Request("GET", path, host, null, null, null, false);
  }

  private static RequestGuard.Request post(String host, String origin, String type, String auth) {
    return new RequestGuard.Request("POST", "/api/watches", host, origin, type, auth, true);
  }

  private static Optional<Integer> status(RequestGuard guard, RequestGuard.Request request) {
    return guard.check(request).map(RequestGuard.Refusal::status);
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost:8080", "127.0.0.1:8080", "[::1]:8080", "app.localhost:8080", "192.168.1.5:8080",
      "[fe80::1]:8080", "localhost"})
  void loopbackNamesAndAddressesAreThisServer(String host) {
    assertThat(status(LOOPBACK, get("/api/alerts", host))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"evil.example:8080", "localhost.evil.example:8080", "127.0.0.1.nip.io:8080", "", "[::1"})
  void aForeignHostIsRefusedAsDnsRebinding(String host) {
    assertThat(status(LOOPBACK, get("/api/alerts", host))).contains(403);
    assertThat(status(LOOPBACK, get("/health", host))).contains(403);
  }

  @Test
  void aConfiguredNameIsThisServer() {
    assertThat(status(EXPOSED, new RequestGuard.Request("GET", "/api/alerts", "Desk.Example.org", null, null,
        "Bearer s3cret-token", false))).isEmpty();
    assertThat(LOOPBACK.check(get("/", "desk.example.org:8080")).orElseThrow().reason())
        .contains("--http-allowed-host desk.example.org");
  }

  @Test
  void aPageOfAnotherOriginCannotChangeAnything() {
    assertThat(status(LOOPBACK, post("localhost:8080", "http://evil.example", "application/json", null))).contains(403);
    assertThat(status(LOOPBACK, post("localhost:8080", "http://localhost:3000", "application/json", null))).contains(403);
    assertThat(status(LOOPBACK, post("localhost:8080", "null", "application/json", null))).contains(403);
    var delete = new RequestGuard.Request("DELETE", "/api/watches/1", "localhost:8080", "http://evil.example", null,
        null, false);
    assertThat(status(LOOPBACK, delete)).contains(403);
  }

  @Test
  void theServersOwnPageAndProgramsWithoutAnOriginMayChangeThings() {
    assertThat(status(LOOPBACK, post("localhost:8080", "http://localhost:8080", "application/json", null))).isEmpty();
    assertThat(status(LOOPBACK, post("localhost:8080", null, "application/json; charset=utf-8", null))).isEmpty();
    assertThat(status(LOOPBACK, post("desk.example.org", "https://desk.example.org", "application/json", null)))
        .contains(403); // a name LOOPBACK was not given
    assertThat(status(EXPOSED, post("desk.example.org:443", "https://desk.example.org", "application/json",
        "Bearer s3cret-token"))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x", "application/jsonx"})
  void aBodyAFormCouldSendIsRefused(String type) {
    assertThat(status(LOOPBACK, post("localhost:8080", null, type, null))).contains(415);
    assertThat(status(LOOPBACK, post("localhost:8080", null, null, null))).contains(415);
  }

  @Test
  void jsonLinesArePushable() {
    var push = new RequestGuard.Request("POST", "/api/articles", "localhost:8080", null, "application/x-ndjson",
        null, true);
    assertThat(status(LOOPBACK, push)).isEmpty();
  }

  @Test
  void beyondLoopbackEveryCallOfTheApiNeedsTheToken() {
    assertThat(status(EXPOSED, get("/api/alerts", "10.0.0.2:8080"))).contains(401);
    assertThat(status(EXPOSED, get("/api/alerts/stream", "10.0.0.2:8080"))).contains(401);
    assertThat(status(EXPOSED, get("/metrics", "10.0.0.2:8080"))).contains(401);
    assertThat(status(EXPOSED, post("10.0.0.2:8080", null, "application/json", "Bearer wrong"))).contains(401);
    assertThat(status(EXPOSED, post("10.0.0.2:8080", null, "application/json", "s3cret-token"))).contains(401);
    assertThat(status(EXPOSED, post("10.0.0.2:8080", null, "application/json", "Bearer s3cret-token"))).isEmpty();
  }

  @Test
  void probesAndTheDashboardsOwnFilesNeedNoToken() {
    for (String path : new String[] {"/health", "/ready", "/", "/app.js", "/style.css"}) {
      assertThat(status(EXPOSED, get(path, "10.0.0.2:8080"))).as(path).isEmpty();
    }
    var open = new RequestGuard(new HttpSettings("0.0.0.0", 8080, "t0ken-t0ken", Set.of(), true));
    assertThat(status(open, get("/metrics", "10.0.0.2:8080"))).isEmpty();
    assertThat(status(open, get("/api/alerts", "10.0.0.2:8080"))).contains(401);
  }
}
