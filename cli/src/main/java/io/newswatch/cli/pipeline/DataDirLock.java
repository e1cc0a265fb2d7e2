package io.newswatch.cli.pipeline;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The claim of one {@code newswatch up} on its data directory, taken before anything in it
 * is touched. A second process on the same directory would otherwise start a broker on the
 * running one's metadata and corrupt it before Kafka's own lock on the log directory
 * stopped it. The operating system releases the lock when the process dies, so a kill -9
 * leaves no stale claim.
 */
public final class DataDirLock implements AutoCloseable {
  static final String FILE = "newswatch.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** The lock; {@link InUse}, naming the holder's process, when another process holds it. */
  public static DataDirLock acquire(Path dataDir) throws IOException, InUse {
    Files.createDirectories(dataDir);
    Path file = dataDir.resolve(FILE);
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    FileLock lock = channel.tryLock();
    if (lock == null) {
      String holder = holder(channel).map(pid -> " (process " + pid + ")").orElse("");
      channel.close();
      throw new InUse(dataDir + " is in use by another newswatch up" + holder
          + ": stop it first, or give this one another --data-dir");
    }
    channel.truncate(0);
    channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
    channel.force(false);
    return new DataDirLock(channel, lock);
  }

  private static Optional<String> holder(FileChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(32);
    channel.read(buffer, 0);
    String pid = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
    return pid.isEmpty() ? Optional.empty() : Optional.of(pid);
  }

  @Override
  public void close() throws IOException {
    lock.release();
    channel.close();
  }

  /** The directory is another process's. */
  public static final class InUse extends Exception {
    InUse(String message) {
      super(message);
    }
  }
}
