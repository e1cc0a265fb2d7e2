package io.newswatch.cli.pipeline;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Optional;

/** Ports checked before anything starts, so that a clash is one line naming the port, not a stack trace later. */
public final class FreePorts {
  private FreePorts() {}

  /** Empty when {@code port} can be bound on {@code host}, else why not, in words about {@code what}. */
  public static Optional<String> clash(String host, int port, String what) {
    if (port == 0) {
      return Optional.empty();
    }
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true); // as the servers themselves do: a port in TIME_WAIT is free
      socket.bind(new InetSocketAddress(host, port));
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of("port " + port + " on " + host + " (" + what + ") is in use: " + e.getMessage());
    }
  }
}
