package io.newswatch.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.newswatch.ingest.ListSink;
import io.newswatch.ingest.article.ArticleParser;
import io.newswatch.web.HttpSettings;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Clients that open a push and send its body slowly, or not at all, must not stop the server answering. */
class SlowUploadsTest {
  @Test
  void threeHundredStalledUploadsLeaveTheServerAnsweringWithinASecond() throws Exception {
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    PushEndpoint push = new PushEndpoint(new ArticleParser(Clock.systemUTC()), new ListSink(),
        new PushSettings(PushSettings.DEFAULT_MAX_BYTES), metrics);
    Javalin server = IngestHttp.serve(HttpSettings.loopback(0), IngestHttp.routes(push, metrics)
        .andThen(config -> config.routes.get("/health", ctx -> ctx.result("UP"))));
    List<Socket> uploads = new ArrayList<>();
    try {
      for (int i = 0; i < 300; i++) {
        Socket socket = new Socket("127.0.0.1", server.port());
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/articles HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-ndjson\r\n"
            + "Content-Length: 100000\r\n\r\n{\"title\": \"slo").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        uploads.add(socket);
      }
      Thread.sleep(500); // every upload has reached its handler, or been turned away

      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
      long start = System.nanoTime();
      HttpResponse<String> health = client.send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + server.port() + "/health")).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString());
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(took).isLessThan(Duration.ofSeconds(1));
    } finally {
      for (Socket socket : uploads) {
        socket.close();
      }
      server.stop();
    }
  }
}
