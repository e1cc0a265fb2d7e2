package io.newswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newswatch.web.HttpSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class HttpOptionsTest {
  @TempDir Path dataDir;

  static HttpOptions parse(String... args) {
    HttpOptions options = new HttpOptions();
    new CommandLine(options).parseArgs(args);
    return options;
  }

  @Test
  void byDefaultItListensOnLoopbackWithoutAToken() {
    StringWriter out = new StringWriter();
    HttpSettings settings = parse().settings(dataDir, new PrintWriter(out, true));

    assertThat(settings.host()).isEqualTo("127.0.0.1");
    assertThat(settings.token()).isNull();
    assertThat(out.toString()).isEmpty();
    assertThat(dataDir.resolve(HttpOptions.TOKEN_FILE)).doesNotExist();
  }

  @Test
  void beyondLoopbackATokenIsGeneratedKeptAndPrintedOnlyTheFirstTime() throws Exception {
    StringWriter first = new StringWriter();
    HttpSettings settings = parse("--http-host", "0.0.0.0").settings(dataDir, new PrintWriter(first, true));
    StringWriter second = new StringWriter();
    HttpSettings again = parse("--http-host", "0.0.0.0").settings(dataDir, new PrintWriter(second, true));

    String token = Files.readString(dataDir.resolve(HttpOptions.TOKEN_FILE)).trim();
    assertThat(settings.token()).isEqualTo(token);
    assertThat(again.token()).isEqualTo(token);
    assertThat(first.toString()).contains(token, "#token=" + token);
    assertThat(second.toString()).doesNotContain(token).contains("HTTP access token: in ");
  }

  @Test
  void aGivenTokenIsUsedAndAShortOneRefused() {
    HttpSettings settings = parse("--http-host", "0.0.0.0", "--http-token", "given-token-of-enough-length",
        "--http-allowed-host", "desk.example.org,Other.example")
        .settings(dataDir, new PrintWriter(new StringWriter()), "alerts-1");

    assertThat(settings.token()).isEqualTo("given-token-of-enough-length");
    assertThat(settings.hostNames()).containsExactlyInAnyOrder("desk.example.org", "other.example", "alerts-1");
    assertThat(dataDir.resolve(HttpOptions.TOKEN_FILE)).doesNotExist();
    assertThatThrownBy(() -> parse("--http-token", "short").settings(dataDir, new PrintWriter(new StringWriter())))
        .isInstanceOf(UserError.class).hasMessageContaining("at least 16 characters");
  }
}
