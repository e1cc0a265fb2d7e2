package io.newswatch.cli.pipeline;

import io.newswatch.schemas.Topic;
import io.newswatch.schemas.Topics;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the catalog's topics that are missing, safe to run again; tells how many partitions one has. */
public final class TopicSetup {
  private static final Logger LOG = LoggerFactory.getLogger(TopicSetup.class);

  private TopicSetup() {}

  /** Creates what is missing and returns the names it created. */
  public static List<String> ensure(Properties clientProperties, Topics topics, int partitions, short replication) {
    try (Admin admin = Admin.create(clientProperties)) {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing = topics.all().stream()
          .map(Topic::name)
          .filter(name -> !existing.contains(name))
          .map(name -> new NewTopic(name, partitions, replication).configs(topics.configs(name)))
          .toList();
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get();
        LOG.info("created topics {}", missing.stream().map(NewTopic::name).toList());
      }
      return missing.stream().map(NewTopic::name).toList();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot create topics: " + e.getCause().getMessage(), e.getCause());
    }
  }

  /** The number of partitions of {@code topic}, which must exist. */
  public static int partitions(Properties clientProperties, String topic) {
    try (Admin admin = Admin.create(clientProperties)) {
      return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while describing " + topic, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot describe topic " + topic + " (`newswatch topics create` creates it): "
          + e.getCause().getMessage(), e.getCause());
    }
  }
}
