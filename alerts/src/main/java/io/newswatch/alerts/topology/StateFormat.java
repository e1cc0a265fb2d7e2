package io.newswatch.alerts.topology;

import io.newswatch.alerts.detector.FeedVolume;
import io.newswatch.alerts.detector.PlaceState;
import io.newswatch.alerts.detector.PlaceState.Bucket;
import io.newswatch.alerts.detector.PlaceState.Count;
import io.newswatch.alerts.detector.PlaceState.Original;
import io.newswatch.alerts.detector.PlaceState.Rest;
import io.newswatch.alerts.detector.PlaceState.Story;
import io.newswatch.avro.Level;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * How the alerts stage stores its detectors' state: a place's summary ({@link PlaceState}), its
 * window's stories one by one ({@link Story}) and a fan-out task's feed volume
 * ({@link FeedVolume.State}), each written on nearly every article, so in a compact binary form
 * rather than JSON. Each value is a format byte, then the record's fields in declaration order:
 * numbers big-endian at their Java width, a string as its UTF-8 length (-1 for null) and bytes, a
 * list as its size and elements, a {@link Level} as its index in the Avro enum (-1 for null),
 * which a released schema may only append to, as Avro's own encoding of it assumes.
 *
 * <p>A field added later goes at the end with a new format byte, whose reader fills it in for
 * values of the older one; a value of a format this build does not know is refused with a
 * reason rather than misread.
 */
public final class StateFormat {
  /** The format of every value this build writes. */
  static final byte FORMAT = 1;

  private static final Level[] LEVELS = Level.values();

  private StateFormat() {}

  /** A place's state, as the summaries store keeps it (its buckets without stories too). */
  public static Serde<PlaceState> placeStates() {
    return serde("place state", StateFormat::writePlaceState, StateFormat::readPlaceState);
  }

  /** One story of a place's window. */
  public static Serde<Story> stories() {
    return serde("story", StateFormat::writeStory, StateFormat::readStory);
  }

  /** A fan-out task's feed volume. */
  public static Serde<FeedVolume.State> feedVolumes() {
    return serde("feed volume", (out, v) -> {
      out.putDouble(v.weight());
      out.putLong(v.since());
      out.putLong(v.latest());
    }, in -> new FeedVolume.State(in.getDouble(), in.getLong(), in.getLong()));
  }

  private static <T> Serde<T> serde(String what, BiConsumer<Writer, T> write, Function<Reader, T> read) {
    Serializer<T> serializer = (topic, value) -> {
      if (value == null) {
        return null;
      }
      Writer out = new Writer();
      out.put(FORMAT);
      write.accept(out, value);
      return out.bytes();
    };
    Deserializer<T> deserializer = (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      if (bytes.length == 0 || bytes[0] != FORMAT) {
        throw new SerializationException("not a " + what + " this version of newswatch can read (format "
            + (bytes.length == 0 ? "none" : bytes[0]) + ", expected " + FORMAT
            + "): state written by another version; `newswatch replay` rebuilds it");
      }
      Reader in = new Reader(bytes);
      try {
        T value = read.apply(in);
        in.expectEnd(what);
        return value;
      } catch (BufferUnderflowException | IllegalArgumentException e) {
        throw new SerializationException("a " + what + " cut short or corrupt (" + bytes.length + " bytes)", e);
      }
    };
    return Serdes.serdeFrom(serializer, deserializer);
  }

  private static void writePlaceState(Writer out, PlaceState s) {
    out.putLong(s.placeId());
    out.putString(s.placeName());
    out.putString(s.countryCode());
    out.putDouble(s.lat());
    out.putDouble(s.lon());
    out.putLevel(s.level());
    out.putDouble(s.baseline());
    out.putDouble(s.cusum());
    out.putDouble(s.dayObserved());
    out.putDouble(s.dayExpected());
    out.putLong(s.windowStart());
    out.putList(s.buckets(), StateFormat::writeBucket);
    out.putMap(s.lastAlertAt(), Writer::putLevel, Writer::putLong);
    out.putMap(s.knownOutlets(), Writer::putString, Writer::putLong);
    out.putList(s.dailyCycle(), Writer::putDouble);
    out.putLong(s.bucketMillis());
    out.putInt(s.windowBuckets());
    out.putList(s.history(), (o, c) -> {
      o.putLong(c.start());
      o.putInt(c.stories());
      o.putInt(c.reports());
    });
    out.putList(s.originals(), (o, original) -> {
      o.putString(original.articleId());
      o.putLong(original.fingerprint());
      o.putLong(original.publishedAt());
    });
  }

  private static PlaceState readPlaceState(Reader in) {
    long placeId = in.getLong();
    String placeName = in.getString();
    String countryCode = in.getString();
    double lat = in.getDouble();
    double lon = in.getDouble();
    Level level = in.getLevel();
    double baseline = in.getDouble();
    double cusum = in.getDouble();
    double dayObserved = in.getDouble();
    double dayExpected = in.getDouble();
    long windowStart = in.getLong();
    List<Bucket> buckets = in.getList(StateFormat::readBucket);
    Map<Level, Long> lastAlertAt = in.getMap(new EnumMap<>(Level.class), Reader::getLevel, Reader::getLong);
    Map<String, Long> knownOutlets = in.getMap(new HashMap<>(), Reader::getString, Reader::getLong);
    List<Double> dailyCycle = in.getList(Reader::getDouble);
    long bucketMillis = in.getLong();
    int windowBuckets = in.getInt();
    List<Count> history = in.getList(r -> new Count(r.getLong(), r.getInt(), r.getInt()));
    List<Original> originals = in.getList(r -> new Original(r.getString(), r.getLong(), r.getLong()));
    return new PlaceState(placeId, placeName, countryCode, lat, lon, level, baseline, cusum, dayObserved,
        dayExpected, windowStart, buckets, lastAlertAt, knownOutlets, dailyCycle, bucketMillis, windowBuckets,
        history, originals);
  }

  private static void writeBucket(Writer out, Bucket bucket) {
    out.putLong(bucket.start());
    out.putList(bucket.stories(), StateFormat::writeStory);
    Rest rest = bucket.rest();
    out.put((byte) (rest == null ? 0 : 1));
    if (rest != null) {
      out.putInt(rest.reports());
      out.putInt(rest.stories());
      out.putDouble(rest.weight());
      out.putDouble(rest.intensity());
      out.putList(rest.outlets(), Writer::putString);
    }
  }

  private static Bucket readBucket(Reader in) {
    long start = in.getLong();
    List<Story> stories = in.getList(StateFormat::readStory);
    Rest rest = in.getBoolean()
        ? new Rest(in.getInt(), in.getInt(), in.getDouble(), in.getDouble(), in.getList(Reader::getString))
        : null;
    return new Bucket(start, stories, rest);
  }

  private static void writeStory(Writer out, Story s) {
    out.putString(s.articleId());
    out.putString(s.title());
    out.putString(s.url());
    out.putString(s.source());
    out.putLong(s.publishedAt());
    out.putDouble(s.weight());
    out.putDouble(s.intensity());
    out.putList(s.cues(), Writer::putString);
    out.putList(s.actors(), Writer::putString);
    out.putString(s.echoOf());
  }

  private static Story readStory(Reader in) {
    return new Story(in.getString(), in.getString(), in.getString(), in.getString(), in.getLong(), in.getDouble(),
        in.getDouble(), in.getList(Reader::getString), in.getList(Reader::getString), in.getString());
  }

  /** A growing big-endian buffer. */
  private static final class Writer {
    private ByteBuffer buffer = ByteBuffer.allocate(256);

    void put(byte b) {
      room(1).put(b);
    }

    void putInt(int v) {
      room(Integer.BYTES).putInt(v);
    }

    void putLong(long v) {
      room(Long.BYTES).putLong(v);
    }

    void putDouble(double v) {
      room(Double.BYTES).putDouble(v);
    }

    void putString(String s) {
      if (s == null) {
        putInt(-1);
        return;
      }
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      putInt(utf8.length);
      room(utf8.length).put(utf8);
    }

    void putLevel(Level level) {
      put((byte) (level == null ? -1 : level.ordinal()));
    }

    <T> void putList(List<T> list, BiConsumer<Writer, T> element) {
      putInt(list.size());
      for (T t : list) {
        element.accept(this, t);
      }
    }

    <K, V> void putMap(Map<K, V> map, BiConsumer<Writer, K> key, BiConsumer<Writer, V> value) {
      putInt(map.size());
      map.forEach((k, v) -> {
        key.accept(this, k);
        value.accept(this, v);
      });
    }

    private ByteBuffer room(int bytes) {
      if (buffer.remaining() < bytes) {
        ByteBuffer larger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + bytes));
        buffer.flip();
        buffer = larger.put(buffer);
      }
      return buffer;
    }

    byte[] bytes() {
      return Arrays.copyOf(buffer.array(), buffer.position());
    }
  }

  /** Reads what {@link Writer} wrote, after the format byte. */
  private static final class Reader {
    private final ByteBuffer buffer;

    Reader(byte[] bytes) {
      this.buffer = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
    }

    boolean getBoolean() {
      return buffer.get() != 0;
    }

    int getInt() {
      return buffer.getInt();
    }

    long getLong() {
      return buffer.getLong();
    }

    double getDouble() {
      return buffer.getDouble();
    }

    /** A count of elements that follow: never negative, never more than the bytes left. */
    int getSize() {
      int size = buffer.getInt();
      if (size < 0 || size > buffer.remaining()) {
        throw new IllegalArgumentException("a size of " + size + " with " + buffer.remaining() + " bytes left");
      }
      return size;
    }

    String getString() {
      int length = buffer.getInt();
      if (length == -1) {
        return null;
      }
      if (length < 0 || length > buffer.remaining()) {
        throw new IllegalArgumentException("a string of " + length + " bytes with " + buffer.remaining() + " left");
      }
      String s = new String(buffer.array(), buffer.arrayOffset() + buffer.position(), length, StandardCharsets.UTF_8);
      buffer.position(buffer.position() + length);
      return s;
    }

    Level getLevel() {
      byte index = buffer.get();
      if (index == -1) {
        return null;
      }
      if (index < 0 || index >= LEVELS.length) {
        throw new IllegalArgumentException("no level " + index);
      }
      return LEVELS[index];
    }

    <T> List<T> getList(Function<Reader, T> element) {
      int size = getSize();
      List<T> list = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        list.add(element.apply(this));
      }
      return list;
    }

    /** Fills {@code map} with what {@link Writer#putMap} wrote, and returns it. */
    <K, V> Map<K, V> getMap(Map<K, V> map, Function<Reader, K> key, Function<Reader, V> value) {
      for (int i = getSize(); i > 0; i--) {
        K k = key.apply(this);
        map.put(k, value.apply(this));
      }
      return map;
    }

    void expectEnd(String what) {
      if (buffer.hasRemaining()) {
        throw new IllegalArgumentException(buffer.remaining() + " bytes after the " + what);
      }
    }
  }
}
