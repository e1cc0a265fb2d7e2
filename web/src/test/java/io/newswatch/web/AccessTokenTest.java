package io.newswatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessTokenTest {
  @TempDir Path dir;

  @Test
  void aNewTokenIsKeptForItsOwnerAloneAndReusedOnTheNextStart() throws Exception {
    Path file = dir.resolve("data").resolve("http-token");
    AccessToken.Loaded first = AccessToken.loadOrCreate(file);
    assertThat(first.created()).isTrue();
    assertThat(first.token()).hasSize(43).matches("[A-Za-z0-9_-]+");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

    AccessToken.Loaded second = AccessToken.loadOrCreate(file);
    assertThat(second.created()).isFalse();
    assertThat(second.token()).isEqualTo(first.token());
    assertThat(AccessToken.generate()).isNotEqualTo(first.token());
  }
}
