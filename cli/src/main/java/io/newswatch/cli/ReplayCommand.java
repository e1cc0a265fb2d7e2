package io.newswatch.cli;

import io.newswatch.cli.pipeline.Replay;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
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

  @Option(names = "--state-dir", defaultValue = "${env:NEWSWATCH_STATE_DIR:-data/state}", paramLabel = "DIR",
      description = "The stages' local state, wiped (default: ${DEFAULT-VALUE}; for `up`, DATA-DIR/state).")
  Path stateDir;

  @Option(names = "--dry-run", description = "Only say what would be done.")
  boolean dryRun;

  @Option(names = "--force", description = "Remove members still in a stage's group instead of refusing.")
  boolean force;

  @Override
  public Integer call() throws Exception {
    Instant time;
    try {
      time = Instant.parse(from);
    } catch (DateTimeParseException e) {
      throw new UserError("--from is not an ISO-8601 instant such as 2026-11-20T00:00:00Z: " + from);
    }
    PrintWriter out = spec.commandLine().getOut();
    try (Admin admin = Admin.create(cluster.clientProperties())) {
      Replay replay = new Replay(admin, cluster.topics(), stateDir);
      List<Replay.Plan> plans = replay.plans(stages(), time);
      for (Replay.Plan plan : plans) {
        out.println((dryRun ? "would " : "will ") + plan);
        if (plan.activeMembers() > 0 && !force) {
          throw new UserError(plan.groupId() + " has " + plan.activeMembers()
              + " running member(s): stop the stage first, or pass --force");
        }
      }
      if (!dryRun) {
        for (Replay.Plan plan : plans) {
          replay.execute(plan);
        }
        out.println("done: start the stages again to reprocess");
      }
    }
    return 0;
  }

  private Set<String> stages() {
    try {
      return Replay.stages(app);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }
}
