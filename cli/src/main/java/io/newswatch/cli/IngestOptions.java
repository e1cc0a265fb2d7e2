package io.newswatch.cli;

import io.newswatch.ingest.feed.FeedLimits;
import io.newswatch.ingest.feed.FeedList;
import io.newswatch.ingest.feed.FeedSpec;
import io.newswatch.ingest.http.PushSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** What live ingest takes, in {@code ingest} and {@code up}: feeds to poll and the push endpoint's settings. */
final class IngestOptions {
  @Option(names = "--feeds", paramLabel = "FILE",
      description = "Feeds to poll: one URL a line, optionally followed by its interval (30s, 5m); # comments.")
  Path feedsFile;

  @Option(names = "--feed", paramLabel = "URL", description = "A feed to poll (repeatable).")
  List<String> feedUrls = new ArrayList<>();

  @Option(names = "--interval", defaultValue = "10m", converter = Durations.class, paramLabel = "DURATION",
      description = "Poll interval of feeds that name none (default: ${DEFAULT-VALUE}).")
  Duration interval;

  @Option(names = "--host-delay", defaultValue = "2s", converter = Durations.class, paramLabel = "DURATION",
      description = "Least time between two requests to one host (default: ${DEFAULT-VALUE}).")
  Duration hostDelay;

  @Option(names = "--read-timeout", defaultValue = "20s", converter = Durations.class, paramLabel = "DURATION",
      description = "Give up on a feed whose server sends nothing for this long (default: ${DEFAULT-VALUE}; "
          + "a whole fetch gets at most a minute).")
  Duration readTimeout;

  @Option(names = "--max-push-bytes", defaultValue = "" + PushSettings.DEFAULT_MAX_BYTES, paramLabel = "N",
      description = "Largest POST /api/articles body (default: ${DEFAULT-VALUE}).")
  long maxPushBytes;

  boolean hasFeeds() {
    return feedsFile != null || !feedUrls.isEmpty();
  }

  /** The feeds of --feeds and --feed, each once. */
  List<FeedSpec> feeds() {
    Map<String, FeedSpec> feeds = new LinkedHashMap<>();
    if (feedsFile != null) {
      try (Reader in = Files.newBufferedReader(feedsFile)) {
        FeedList.parse(in, interval, new Durations()::convert).forEach(f -> feeds.put(f.url().toString(), f));
      } catch (NoSuchFileException e) {
        throw new UserError("no such file: " + feedsFile);
      } catch (IOException e) {
        throw new UserError("cannot read " + feedsFile + ": " + e.getMessage());
      } catch (IllegalArgumentException e) {
        throw new UserError(feedsFile + ", " + e.getMessage());
      }
    }
    for (String url : feedUrls) {
      try {
        feeds.putIfAbsent(url, new FeedSpec(FeedList.url(url), interval));
      } catch (IllegalArgumentException e) {
        throw new UserError("--feed: " + e.getMessage());
      }
    }
    return new ArrayList<>(feeds.values());
  }

  FeedLimits limits() {
    FeedLimits defaults = FeedLimits.defaults();
    return defaults.withHostDelay(hostDelay).withTimeouts(readTimeout, defaults.totalTimeout());
  }

  PushSettings push() {
    return new PushSettings(maxPushBytes);
  }
}
