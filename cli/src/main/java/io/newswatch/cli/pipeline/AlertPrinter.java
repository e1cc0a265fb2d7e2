package io.newswatch.cli.pipeline;

import io.newswatch.avro.Alert;
import io.newswatch.schemas.Topic;
import io.newswatch.schemas.TopicReader;
import io.newswatch.schemas.Topics;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/** Prints each new alert as one line on the terminal while {@code newswatch up} runs. */
public final class AlertPrinter implements AutoCloseable {
  private final KafkaConsumer<String, Alert> consumer;
  private final Thread thread;

  private AlertPrinter(KafkaConsumer<String, Alert> consumer, PrintWriter out) {
    this.consumer = consumer;
    this.thread = new Thread(() -> run(out), "alert-printer");
    thread.setDaemon(true);
  }

  public static AlertPrinter start(Properties clientProperties, Topics topics, PrintWriter out) {
    Topic<String, Alert> alerts = topics.alerts();
    Properties props = new Properties();
    props.putAll(clientProperties);
    props.put("isolation.level", "read_committed");
    var consumer = new KafkaConsumer<>(props, alerts.keySerde().deserializer(), alerts.valueSerde().deserializer());
    List<TopicPartition> partitions = TopicReader.partitionsOf(consumer, alerts.name());
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    // Fix the positions now, so alerts raised from here on are all printed.
    partitions.forEach(consumer::position);
    AlertPrinter printer = new AlertPrinter(consumer, out);
    printer.thread.start();
    return printer;
  }

  private void run(PrintWriter out) {
    try {
      while (true) {
        for (var record : consumer.poll(Duration.ofSeconds(1))) {
          Alert a = record.value();
          if (a != null) {
            out.println("ALERT " + a.getLevel() + " " + a.getSummary() + "  [" + a.getAlertId() + "]");
            out.flush();
          }
        }
      }
    } catch (WakeupException e) {
      // closing
    } finally {
      consumer.close();
    }
  }

  @Override
  public void close() throws InterruptedException {
    consumer.wakeup();
    thread.join(5_000);
  }
}
