package io.newswatch.alerts.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookTargetsTest {
  /** Names as a hostile DNS would answer them; any other name does not resolve. */
  private static final Map<String, String> DNS = Map.of(
      "hooks.example.org", "93.184.215.14",
      "rebound.example.org", "127.0.0.1",
      "metadata.example.org", "169.254.169.254",
      "mixed.example.org", "93.184.215.14,10.0.0.7",
      "v6.example.org", "2606:2800:21f:cb07:6820:80da:af6b:8b2c",
      "v6-local.example.org", "fd12:3456:789a::1");
  private static final WebhookTargets.Resolver RESOLVER = host -> {
    String answer = DNS.get(host);
    if (answer == null) {
      if (host.matches("[0-9.]+|.*:.*")) {
        return List.of(InetAddress.getByName(host)); // a literal: no lookup
      }
      throw new UnknownHostException(host);
    }
    List<InetAddress> addresses = new java.util.ArrayList<>();
    for (String a : answer.split(",")) {
      addresses.add(InetAddress.getByName(a));
    }
    return addresses;
  };
  private static final InetSocketAddress BROKER = new InetSocketAddress("93.184.215.14", 9092);
  private static final WebhookTargets STRICT = new WebhookTargets(false, List.of(BROKER), RESOLVER);
  private static final WebhookTargets PRIVATE_OK = new WebhookTargets(true, List.of(BROKER), RESOLVER);

  @ParameterizedTest
  @ValueSource(strings = {"https://hooks.example.org/in", "http://hooks.example.org:8080/in",
      "https://v6.example.org/in", "https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/in", "https://8.8.8.8/in"})
  void publicTargetsAreTaken(String url) {
    assertThat(STRICT.refusal(url)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "http://127.0.0.1:9092/", "http://127.1.2.3/", "http://0.0.0.0/", "http://10.1.2.3/", "http://172.16.0.1/",
      "http://172.31.255.255/", "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data/",
      "http://100.64.0.1/", "http://224.0.0.1/", "http://255.255.255.255/", "http://198.18.0.1/",
      "http://[::1]/", "http://[::]/", "http://[fe80::1]/", "http://[fd00::1]/", "http://[fc00::1]/",
      "http://[::ffff:127.0.0.1]/", "http://[::ffff:10.0.0.1]/", "http://[64:ff9b::a9fe:a9fe]/",
      "http://[2002:7f00:1::]/", "http://[2001:db8::1]/", "http://[ff02::1]/"})
  void loopbackPrivateAndReservedAddressesAreRefused(String url) {
    assertThat(STRICT.refusal(url)).hasValueSatisfying(r -> assertThat(r).contains("--allow-private-webhooks"));
    assertThat(PRIVATE_OK.refusal(url)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://rebound.example.org/", "http://metadata.example.org/", "http://mixed.example.org/",
      "http://v6-local.example.org/"})
  void namesAreJudgedByEveryAddressTheyResolveTo(String url) {
    assertThat(STRICT.refusal(url)).hasValueSatisfying(r -> assertThat(r).contains("resolves to"));
  }

  @Test
  void localhostResolvesToLoopbackAndIsRefused() {
    assertThat(WebhookTargets.of(false, List.of()).refusal("http://localhost:8080/hook"))
        .hasValueSatisfying(r -> assertThat(r).startsWith("localhost resolves to"));
  }

  @Test
  void theBrokerIsNeverATarget() {
    assertThat(PRIVATE_OK.refusal("http://hooks.example.org:9092/")).hasValue("hooks.example.org:9092 is a Kafka broker");
    assertThat(PRIVATE_OK.refusal("http://hooks.example.org/")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"file:///etc/passwd", "gopher://hooks.example.org/", "ftp://hooks.example.org/",
      "hooks.example.org/in", "http:///in", "javascript:alert(1)"})
  void onlyAbsoluteHttpUrlsAreTaken(String url) {
    assertThat(PRIVATE_OK.refusal(url)).hasValueSatisfying(r -> assertThat(r).contains("http"));
  }

  @Test
  void aNameThatDoesNotResolveIsRefused() {
    assertThat(STRICT.refusal("https://nowhere.example.org/")).hasValue("host nowhere.example.org does not resolve");
  }
}
