package io.newswatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;

/** Where offline commands write: a file, or "-" for the command's standard output. */
final class OutputFiles {
  private OutputFiles() {}

  static PrintWriter open(Path file, CommandSpec spec) {
    if (file.toString().equals("-")) {
      PrintWriter out = spec.commandLine().getOut();
      return new PrintWriter(out) {
        @Override
        public void close() {
          flush(); // standard output stays open for the command's own report
        }
      };
    }
    try {
      return new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UserError("cannot write " + file + ": " + e.getMessage());
    }
  }
}
