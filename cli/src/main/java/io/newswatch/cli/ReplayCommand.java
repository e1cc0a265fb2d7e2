package io.newswatch.cli;

import io.newswatch.cli.broker.LocalBroker;
import io.newswatch.cli.pipeline.DataDirLock;
import io.newswatch.cli.pipeline.Replay;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "replay", mixinStandardHelpOptions = true,
    description = {"Makes stopped stages reprocess their input from a point in time, e.g. after a "
        + "gazetteer or detector change: their consumer group, internal topics and local state are reset, "
        + "their input offsets set to the first record at or after --from (alerts replayed with enrich: the end "
        + "of the enriched topic, so that it reads only the new enrichment). Says what it will do first. "
        + "Start the stages again afterwards (newswatch up, or newswatch enrich / alerts).",
        "With no --bootstrap-servers it resets the pipeline of a stopped `newswatch up` in --data-dir: it starts "
            + "that up's broker for the reset and stops it again, and refuses while up runs there. So after a "
            + "change: Ctrl-C on up, newswatch replay --from TIME, newswatch up.",
        "Output topics are not rewound: the replay appends records again. Alert ids are deterministic, "
            + "so a subscriber that keeps the ids it has seen gets nothing twice."})
final class ReplayCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ClusterOptions cluster;

  @Option(names = "--from", required = true, paramLabel = "ISO-8601",
      description = "Reprocess records from this time on, e.g. 2026-11-20T00:00:00Z (1970-01-01T00:00:00Z: everything).")
  String from;

  @Option(names = "--app", defaultValue = "all", paramLabel = "STAGE",
      description = "enrich, alerts or all (default: ${DEFAULT-VALUE}).")
  String app;

  @Option(names = "--data-dir", defaultValue = "${env:NEWSWATCH_DATA_DIR:-data}", paramLabel = "DIR",
      description = "The data directory of `up` (default: ${DEFAULT-VALUE}). With no --bootstrap-servers, the "
          + "broker in it is the one reset.")
  Path dataDir;

  @Option(names = "--state-dir", defaultValue = "${env:NEWSWATCH_STATE_DIR}", paramLabel = "DIR",
      description = "The stages' local state, wiped (default: env NEWSWATCH_STATE_DIR, which the stages run "
          + "alone read, else DATA-DIR/state, where up keeps it).")
  Path stateDir;

  @Option(names = "--dry-run", description = "Only say what would be done.")
  boolean dryRun;

  @Option(names = "--force", description = "Remove members still in a stage's group instead of refusing. "
      + "With up's broker, members left by an up that was killed are always removed.")
  boolean force;

  @Override
  public Integer call() throws Exception {
    Instant time;
    try {
      time = Instant.parse(from);
    } catch (DateTimeParseException e) {
      throw new UserError("--from is not an ISO-8601 instant such as 2026-11-20T00:00:00Z: " + from);
    }
    Set<String> stages = stages();
    Path state = stateDir != null ? stateDir : dataDir.resolve("state");
    if (cluster.hasCluster()) {
      try (Admin admin = Admin.create(cluster.clientProperties())) {
        reset(admin, stages, time, state, force);
      }
      return 0;
    }
    Path brokerDir = dataDir.resolve("kafka");
    if (!LocalBroker.isFormatted(brokerDir)) {
      throw new UserError("no broker of newswatch up in " + brokerDir + ": pass the --data-dir up ran with, "
          + "or --bootstrap-servers for a cluster");
    }
    try (DataDirLock lock = lock()) {
      PrintWriter out = spec.commandLine().getOut();
      out.println("starting the broker of the stopped up in " + brokerDir + " for the reset ...");
      out.flush();
      try (LocalBroker broker = LocalBroker.startOnFreePorts(brokerDir);
           Admin admin = Admin.create(cluster.clientProperties(broker.bootstrapServers()))) {
        // No stage can be running on this broker: up, which runs them, is stopped (it would hold the
        // lock), and the broker listens on ports of its own. So a member still in a group was left
        // by an up that was killed, and is removed.
        reset(admin, stages, time, state, true);
      }
    }
    return 0;
  }

  private DataDirLock lock() throws IOException {
    try {
      return DataDirLock.acquire(dataDir, "replay");
    } catch (DataDirLock.InUse e) {
      throw new UserError(e.getMessage() + ": stop it first (Ctrl-C), then replay");
    }
  }

  /** Says the plan of each stage, refuses on running members unless they may be removed, then carries it out. */
  private void reset(Admin admin, Set<String> stages, Instant time, Path state, boolean removeMembers)
      throws ExecutionException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    Replay replay = new Replay(admin, cluster.topics(), state);
    List<Replay.Plan> plans = replay.plans(stages, time);
    String will = dryRun ? "would " : "will ";
    for (Replay.Plan plan : plans) {
      out.println(will + plan);
      if (plan.activeMembers() > 0) {
        if (!removeMembers) {
          throw new UserError(plan.groupId() + " has " + plan.activeMembers()
              + " running member(s): stop the stage first, or pass --force");
        }
        out.println(will + "first remove the " + plan.activeMembers() + " member(s) still in " + plan.groupId());
      }
    }
    if (!dryRun) {
      for (Replay.Plan plan : plans) {
        replay.execute(plan);
      }
      out.println("done: start the stages again to reprocess");
    }
  }

  private Set<String> stages() {
    try {
      return Replay.stages(app);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }
}
