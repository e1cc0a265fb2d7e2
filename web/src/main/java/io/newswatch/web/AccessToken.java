package io.newswatch.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The HTTP access token a server generates when it listens beyond loopback and was given
 * none: 32 random bytes, kept in a file only its owner can read, so that the next start, and
 * every stage sharing the data directory, uses the same one.
 */
public final class AccessToken {
  private static final SecureRandom RANDOM = new SecureRandom();

  private AccessToken() {}

  /** The token in {@code file}, or a new one written to it; {@code created} tells which. */
  public record Loaded(String token, boolean created) {}

  public static Loaded loadOrCreate(Path file) {
    try {
      if (Files.exists(file)) {
        String token = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (token.isEmpty()) {
          throw new IllegalArgumentException(file + " is empty: delete it to have a new token generated");
        }
        return new Loaded(token, false);
      }
      String token = generate();
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      // created with its mode, never readable by others even for a moment
      Path written = Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(written, token + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
      return new Loaded(token, true);
    } catch (FileAlreadyExistsException raced) {
      return loadOrCreate(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the HTTP access token in " + file + ": " + e.getMessage(), e);
    }
  }

  /** 32 random bytes, URL-safe Base64 without padding (43 characters). */
  public static String generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
