package io.newswatch.ingest.feed;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/** An HTTP server on 127.0.0.1 serving fixture feeds, started by a test. */
public final class FixtureServer implements AutoCloseable {
  private final HttpServer server;

  public FixtureServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
  }

  public URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  public FixtureServer on(String path, HttpHandler handler) {
    server.createContext(path, handler);
    return this;
  }

  /** Serves the text with an ETag, answering 304 when the client already has it. */
  public FixtureServer feed(String path, String xml) {
    return on(path, exchange -> sendWithEtag(exchange, xml));
  }

  public static void sendWithEtag(HttpExchange exchange, String xml) throws IOException {
    String etag = "\"" + Integer.toHexString(xml.hashCode()) + "\"";
    if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
      exchange.sendResponseHeaders(304, -1);
      exchange.close();
      return;
    }
    byte[] body = xml.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("ETag", etag);
    exchange.getResponseHeaders().add("Content-Type", "application/rss+xml; charset=utf-8");
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
