package io.newswatch.cli.pipeline;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The claim of one newswatch process ({@code up}, or {@code replay} on {@code up}'s broker) on
 * a data directory, taken before anything in it is touched. A second process on the same
 * directory would otherwise start a broker on the running one's metadata and corrupt it
 * before Kafka's own lock on the log directory stopped it. The operating system releases the
 * lock when the process dies, so a kill -9 leaves no stale claim. The lock file names the
 * holder's process id and command, so that the refusal can say who holds it.
 */
public final class DataDirLock implements AutoCloseable {
  static final String FILE = "newswatch.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * The lock, for {@code command} (up, replay); {@link InUse}, naming the holder's command and
   * process, when another process holds it.
   */
  public static DataDirLock acquire(Path dataDir, String command) throws IOException, InUse {
    Files.createDirectories(dataDir);
    Path file = dataDir.resolve(FILE);
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    FileLock lock = channel.tryLock();
    if (lock == null) {
      String holder = holder(channel);
      channel.close();
      throw new InUse(dataDir + " is in use by another newswatch " + holder);
    }
    channel.truncate(0);
    channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + " " + command + "\n")
        .getBytes(StandardCharsets.US_ASCII)), 0);
    channel.force(false);
    return new DataDirLock(channel, lock);
  }

  /**
   * "up (process 1234)" from the lock file's "1234 up"; the holder writes it right after it
   * takes the lock, so an empty file is a holder that is starting.
   */
  private static String holder(FileChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(64);
    channel.read(buffer, 0);
    String[] pidAndCommand = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim()
        .split(" ", 2);
    return pidAndCommand.length == 2 ? pidAndCommand[1] + " (process " + pidAndCommand[0] + ")" : "that is starting";
  }

  @Override
  public void close() throws IOException {
    lock.release();
    channel.close();
  }

  /** The directory is another process's; the message says whose, the caller what to do. */
  public static final class InUse extends Exception {
    InUse(String message) {
      super(message);
    }
  }
}
