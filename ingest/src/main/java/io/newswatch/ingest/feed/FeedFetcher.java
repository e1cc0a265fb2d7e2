package io.newswatch.ingest.feed;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Fetches a feed over http(s), conditionally (ETag, Last-Modified), gzip-compressed when
 * the server agrees, following a capped number of redirects, and never reading more
 * bytes, or for longer, than the limits allow.
 */
public final class FeedFetcher {
  /** How much of a refused body goes with the dead letter. */
  static final int SAMPLE_BYTES = 4096;

  private final FeedLimits limits;

  public FeedFetcher(FeedLimits limits) {
    this.limits = limits;
  }

  /** What a fetch brought: a new body, or word that nothing changed. */
  public sealed interface Result permits Body, NotModified {}

  /** @param charset as the Content-Type said, or null */
  public record Body(byte[] bytes, String charset, String etag, String lastModified) implements Result {}

  public record NotModified() implements Result {}

  public Result fetch(URI url, String etag, String lastModified) throws FeedRefused {
    Instant deadline = Instant.now().plus(limits.totalTimeout());
    URI current = url;
    for (int redirects = 0; ; redirects++) {
      try {
        FeedList.url(current.toString()); // only http(s), redirects included
      } catch (IllegalArgumentException e) {
        throw new FeedRefused(e.getMessage() + (redirects > 0 ? " (redirected from " + url + ")" : ""), null);
      }
      HttpURLConnection c = open(current, etag, lastModified, deadline);
      try {
        int status = c.getResponseCode();
        if (status >= 300 && status < 400 && status != HttpURLConnection.HTTP_NOT_MODIFIED) {
          String location = c.getHeaderField("Location");
          c.disconnect();
          if (location == null) {
            throw new FeedRefused("HTTP " + status + " without a Location", null);
          }
          if (redirects == limits.maxRedirects()) {
            throw new FeedRefused("more than " + limits.maxRedirects() + " redirects", null);
          }
          current = resolve(current, location);
          continue;
        }
        if (status == HttpURLConnection.HTTP_NOT_MODIFIED) {
          c.getInputStream().close();
          return new NotModified();
        }
        if (status != HttpURLConnection.HTTP_OK) {
          c.disconnect();
          throw new FeedRefused("HTTP " + status + (c.getResponseMessage() == null ? "" : " " + c.getResponseMessage()), null);
        }
        byte[] body = readBody(c, deadline);
        return new Body(body, charsetOf(c.getContentType()), c.getHeaderField("ETag"), c.getHeaderField("Last-Modified"));
      } catch (SocketTimeoutException e) {
        c.disconnect();
        throw new FeedRefused("no answer within " + seconds(limits.readTimeout()), null);
      } catch (IOException e) {
        c.disconnect();
        throw new FeedRefused("cannot fetch: " + e, null);
      }
    }
  }

  private HttpURLConnection open(URI url, String etag, String lastModified, Instant deadline) throws FeedRefused {
    try {
      HttpURLConnection c = (HttpURLConnection) url.toURL().openConnection();
      c.setInstanceFollowRedirects(false);
      c.setConnectTimeout((int) limits.connectTimeout().toMillis());
      long left = Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
      c.setReadTimeout((int) Math.min(limits.readTimeout().toMillis(), left));
      c.setRequestProperty("User-Agent", limits.userAgent());
      c.setRequestProperty("Accept", "application/rss+xml, application/atom+xml, application/rdf+xml, "
          + "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5");
      c.setRequestProperty("Accept-Encoding", "gzip");
      if (etag != null) {
        c.setRequestProperty("If-None-Match", etag);
      }
      if (lastModified != null) {
        c.setRequestProperty("If-Modified-Since", lastModified);
      }
      return c;
    } catch (IOException | IllegalArgumentException e) {
      throw new FeedRefused("cannot fetch: " + e, null);
    }
  }

  private byte[] readBody(HttpURLConnection c, Instant deadline) throws FeedRefused, IOException {
    long max = limits.maxBytes();
    if (c.getContentLengthLong() > max) {
      c.disconnect();
      throw new FeedRefused("feed is " + c.getContentLengthLong() + " bytes, over the limit of " + max, null);
    }
    CountingStream wire = new CountingStream(c.getInputStream());
    boolean gzip = "gzip".equalsIgnoreCase(c.getContentEncoding());
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    try (InputStream in = gzip ? new GZIPInputStream(wire) : wire) {
      byte[] buffer = new byte[8192];
      for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
        body.write(buffer, 0, n);
        if (wire.count > max) {
          throw refused(c, "feed is over the limit of " + max + " bytes", body);
        }
        if (body.size() > max) {
          throw refused(c, "feed decompresses to over " + max + " bytes (a gzip bomb?)", body);
        }
        if (Instant.now().isAfter(deadline)) {
          throw refused(c, "feed did not finish sending within " + seconds(limits.totalTimeout()), body);
        }
      }
    } catch (SocketTimeoutException e) {
      throw refused(c, "feed stopped sending for " + seconds(limits.readTimeout()) + " after "
          + body.size() + " bytes", body);
    } catch (ZipException e) {
      throw refused(c, "feed is not valid gzip: " + e.getMessage(), body);
    }
    return body.toByteArray();
  }

  private static FeedRefused refused(HttpURLConnection c, String reason, ByteArrayOutputStream received) {
    c.disconnect();
    byte[] bytes = received.toByteArray();
    return new FeedRefused(reason, new String(bytes, 0, Math.min(bytes.length, SAMPLE_BYTES), StandardCharsets.UTF_8));
  }

  private static URI resolve(URI base, String location) throws FeedRefused {
    try {
      return base.resolve(location);
    } catch (IllegalArgumentException e) {
      throw new FeedRefused("redirected to a bad URL: " + location, null);
    }
  }

  static String charsetOf(String contentType) {
    if (contentType == null) {
      return null;
    }
    for (String part : contentType.split(";")) {
      String p = part.strip();
      if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
        return p.substring("charset=".length()).replace("\"", "").strip();
      }
    }
    return null;
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  /** Counts the bytes as they arrive, before any decompression. */
  private static final class CountingStream extends FilterInputStream {
    long count;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      count += b == -1 ? 0 : 1;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      count += Math.max(n, 0);
      return n;
    }
  }
}
