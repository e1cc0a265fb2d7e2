package io.newswatch.cli;

/** Bad usage or bad input: the command prints the message as one line and exits 2. */
public class UserError extends RuntimeException {
  public UserError(String message) {
    super(message, null, false, false);
  }
}
