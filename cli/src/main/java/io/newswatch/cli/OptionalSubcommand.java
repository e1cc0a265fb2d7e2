package io.newswatch.cli;

/**
 * A subcommand of {@code newswatch} that ships in a module of its own, which this one does not
 * depend on: {@link Main} adds each one {@link java.util.ServiceLoader} finds on the class path,
 * so the command has it where that module's jar is (bin/newswatch and the image run with the
 * {@code bench} module's) and does without it elsewhere.
 *
 * <p>An implementation is a picocli {@code @Command} class with a public no-argument
 * constructor, named in {@code META-INF/services/io.newswatch.cli.OptionalSubcommand} of its jar.
 */
public interface OptionalSubcommand {}
