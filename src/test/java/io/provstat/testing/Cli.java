package io.provstat.testing;

import io.provstat.cli.Provstat;
import java.io.PrintWriter;
import java.io.StringWriter;

/** The provstat command run in this JVM, as a user would type it, with what it printed. */
public final class Cli {

  private Cli() {}

  /** Exit code and what went to standard output and standard error. */
  public record Outcome(int code, String out, String err) {}

  public static Outcome run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Provstat.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Outcome(code, out.toString(), err.toString());
  }

  /** {@code provstat sql --engine spark --warehouse WAREHOUSE [OPTIONS...] QUERY}: the Spark path. */
  public static Outcome sparkSql(String warehouse, String query, String... options) {
    java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of("--engine", "spark"));
    all.addAll(java.util.Arrays.asList(options));
    return sql(warehouse, query, all.toArray(String[]::new));
  }

  /** {@code provstat sql --warehouse WAREHOUSE [OPTIONS...] QUERY} (the engine chosen by default). */
  public static Outcome sql(String warehouse, String query, String... options) {
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("sql", "--warehouse", warehouse));
    args.addAll(java.util.Arrays.asList(options));
    args.add(query);
    return run(args.toArray(String[]::new));
  }
}
