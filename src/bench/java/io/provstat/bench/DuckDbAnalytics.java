package io.provstat.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import io.provstat.analytics.PlanGap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The oracle: all of provstat's analytic tables (rankings, growth, contributions, shift_share, convergence,
 * plan_gap, scorecard, reconciliation) computed by DuckDB from the same warehouse Parquet files,
 * with SQL written from the documented semantics (src/bench/resources/io/provstat/bench/duckdb).
 * Each result is written as one Parquet file under the output directory, for the cross-check;
 * scorecard reads the plan_gap file and reconciliation the rankings file just written, as analyze
 * derives them. It prints the seconds of the facts and of each table, and in all; jobs/bench.sh
 * times the whole process.
 *
 * <p>Usage: {@code DuckDbAnalytics WAREHOUSE OUT_DIR THREADS}
 */
public final class DuckDbAnalytics {

  /** The tables the oracle computes, in the order it computes them. */
  static final List<String> TABLES = List.of("rankings", "growth", "contributions", "shift_share", "plan_gap",
      "scorecard", "reconciliation", "convergence", "disparities", "specialisation");

  /**
   * Whether the oracle resolves members of the catalogue's indicator families (export_hs_0306 of
   * export_hs_*), as the catalogue does (default), or, set to false, joins only its concrete codes,
   * as analytics that do not resolve families yet do.
   */
  static final String FAMILIES_PROPERTY = "provstat.bench.families";

  private DuckDbAnalytics() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: DuckDbAnalytics WAREHOUSE OUT_DIR THREADS");
      System.exit(2);
    }
    long started = System.nanoTime();
    Path warehouse = Path.of(args[0]).toAbsolutePath();
    Path out = Path.of(args[1]).toAbsolutePath();
    int threads = Integer.parseInt(args[2]);
    Path observations = warehouse.resolve("observations");
    if (!DuckDb.hasParquet(observations)) {
      throw new IllegalArgumentException("no observations Parquet files under " + observations);
    }
    Files.createDirectories(out);
    try (Connection db = DuckDb.open(threads, out.resolve("duckdb.tmp"));
        Statement s = db.createStatement()) {
      String glob = observations + "/**/*.parquet";
      s.execute("CREATE OR REPLACE VIEW observations AS SELECT * FROM read_parquet(" + DuckDb.literal(glob)
          + ", hive_partitioning = true)");
      Path aggregates = warehouse.resolve("reported_aggregates");
      if (DuckDb.hasParquet(aggregates)) {
        s.execute("CREATE OR REPLACE VIEW reported_aggregates AS SELECT * FROM read_parquet("
            + DuckDb.literal(aggregates + "/**/*.parquet") + ")");
      } else {
        // analyze reads an empty table then: no reported regional totals.
        s.execute("CREATE OR REPLACE TABLE reported_aggregates (scope VARCHAR, indicator VARCHAR, year INTEGER, "
            + "period VARCHAR, measure VARCHAR, value DOUBLE, status VARCHAR)");
      }
      boolean families = Boolean.parseBoolean(System.getProperty(FAMILIES_PROPERTY, "true"));
      List<String> members = ReferenceTables.create(db, ReferenceTables.distinctIndicators(db, "observations"),
          families);
      if (!families) {
        System.out.println("duckdb: --no-families: members of catalogue families (export_hs_*) are left out, "
            + "as analytics that join only concrete codes do");
      } else if (!members.isEmpty()) {
        System.out.printf(Locale.ROOT, "duckdb: %d observed indicators are members of catalogue families, "
            + "resolved as the catalogue resolves them, e.g. %s%n", members.size(), members.get(0));
      }
      long factsStarted = System.nanoTime();
      s.execute(DuckDb.resource("facts.sql").replace("${observations}", glob.replace("'", "''")));
      try (ResultSet r = s.executeQuery("SELECT (SELECT count(*) FROM observations), (SELECT count(*) FROM facts)")) {
        r.next();
        System.out.printf(Locale.ROOT, "duckdb: observations %d rows, facts %d rows in %.1f s%n", r.getLong(1),
            r.getLong(2), (System.nanoTime() - factsStarted) / 1e9);
      }
      Map<String, String> parameters = Map.of(
          "${tolerance}", "CAST(" + PlanGap.DEFAULT_TOLERANCE_PP + " AS DOUBLE)",
          "${plan_gap}", out.resolve("plan_gap.parquet").toString().replace("'", "''"),
          "${rankings}", out.resolve("rankings.parquet").toString().replace("'", "''"));
      List<String> times = new ArrayList<>();
      for (String table : TABLES) {
        long t0 = System.nanoTime();
        Path target = out.resolve(table + ".parquet");
        Files.deleteIfExists(target);
        // A table's SQL may build temporary tables first: every statement but the last runs as it is.
        String[] statements = statements(substitute(DuckDb.resource(table + ".sql").strip(), parameters));
        for (int i = 0; i < statements.length - 1; i++) {
          s.execute(statements[i]);
        }
        if (table.equals("convergence")) {
          fillPValues(db);
        }
        String query = OracleLabels.wrap(table, statements[statements.length - 1]);
        s.execute("COPY (" + query + ") TO " + DuckDb.literal(target.toString()) + " (FORMAT parquet)");
        long rows;
        try (ResultSet r = s.executeQuery("SELECT count(*) FROM read_parquet(" + DuckDb.literal(target.toString())
            + ")")) {
          r.next();
          rows = r.getLong(1);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "duckdb: %s %d rows in %.1f s%n", table, rows, seconds);
        times.add(String.format(Locale.ROOT, "%s %.1f", table, seconds));
      }
      System.out.println("duckdb: seconds per table: " + String.join(", ", times));
    }
    System.out.printf(Locale.ROOT, "duckdb: done in %.1f s%n", (System.nanoTime() - started) / 1e9);
  }

  /** A script's statements: each ends with a ';' at the end of a line that is not a comment. */
  static String[] statements(String script) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : script.split("\n", -1)) {
      current.append(line).append('\n');
      String trimmed = line.strip();
      if (!trimmed.startsWith("--") && trimmed.endsWith(";")) {
        statements.add(current.substring(0, current.lastIndexOf(";")));
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      statements.add(current.toString().strip());
    }
    return statements.toArray(String[]::new);
  }

  /**
   * Convergence's two-sided p-values, which DuckDB has no function for: from each regression's t and
   * degrees of freedom by Student's t (Commons Math, as the t distribution is a library function,
   * not part of what the oracle checks; t and the degrees of freedom are the oracle's own).
   */
  static void fillPValues(Connection db) throws java.sql.SQLException {
    List<long[]> rows = new ArrayList<>();
    List<Double> ts = new ArrayList<>();
    try (Statement s = db.createStatement(); ResultSet r = s.executeQuery(
        "SELECT _row, t_stat, degrees_of_freedom FROM convergence_raw WHERE t_stat IS NOT NULL "
            + "AND degrees_of_freedom >= 1")) {
      while (r.next()) {
        rows.add(new long[] {r.getLong(1), r.getLong(3)});
        ts.add(r.getDouble(2));
      }
    }
    try (java.sql.PreparedStatement update = db.prepareStatement(
        "UPDATE convergence_raw SET p_value = ? WHERE _row = ?")) {
      for (int i = 0; i < rows.size(); i++) {
        double t = ts.get(i);
        org.apache.commons.math3.distribution.TDistribution d =
            new org.apache.commons.math3.distribution.TDistribution(null, rows.get(i)[1]);
        update.setDouble(1, Double.isInfinite(t) ? 0.0 : 2 * d.cumulativeProbability(-Math.abs(t)));
        update.setLong(2, rows.get(i)[0]);
        update.addBatch();
      }
      update.executeBatch();
    }
  }

  /**
   * The SQL text with each {@code ${name}} placeholder replaced; a placeholder left over (a name
   * the harness does not supply) is an error naming it, never SQL that fails obscurely.
   */
  static String substitute(String sql, Map<String, String> parameters) {
    String result = sql;
    for (Map.Entry<String, String> p : parameters.entrySet()) {
      result = result.replace(p.getKey(), p.getValue());
    }
    int left = result.indexOf("${");
    if (left >= 0) {
      int end = result.indexOf('}', left);
      throw new IllegalArgumentException("SQL placeholder " + result.substring(left, end < 0 ? result.length() : end + 1)
          + " has no value (known: " + new java.util.TreeSet<>(parameters.keySet()) + ")");
    }
    return result;
  }
}
