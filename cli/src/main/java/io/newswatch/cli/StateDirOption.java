package io.newswatch.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a stage run alone ({@code enrich}, {@code alerts}) keeps its Streams state. */
final class StateDirOption {
  @Option(names = "--state-dir", defaultValue = "${env:NEWSWATCH_STATE_DIR:-data/state}", paramLabel = "DIR",
      description = "Local state of the Streams app (default: ${DEFAULT-VALUE}).")
  Path stateDir;
}
