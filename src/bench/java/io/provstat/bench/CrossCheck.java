package io.provstat.bench;

import io.provstat.reference.ReferenceData;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The cross-check: provstat's eight analytic tables (boundaries {@code published}, the default of
 * analyze) against the oracle's, by a full outer join on each table's key in DuckDB.
 * Counts rows only provstat has, rows only the oracle has, and rows whose values differ (see
 * {@link Agreement}); prints up to ten examples of each kind and exits 1 on any disagreement.
 *
 * <p>Usage: {@code CrossCheck WAREHOUSE ORACLE_DIR THREADS}
 */
public final class CrossCheck {

  static final int EXAMPLES = 10;

  private CrossCheck() {}

  /** The outcome for one table. */
  record Result(String table, long provstatRows, long oracleRows, long agree, long onlyProvstat,
      long onlyOracle, long different, long familyDisagreements, List<String> examples) {
    boolean ok() {
      return onlyProvstat == 0 && onlyOracle == 0 && different == 0;
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: CrossCheck WAREHOUSE ORACLE_DIR THREADS");
      System.exit(2);
    }
    Path warehouse = Path.of(args[0]).toAbsolutePath();
    Path oracle = Path.of(args[1]).toAbsolutePath();
    boolean ok = true;
    try (Connection db = DuckDb.open(Integer.parseInt(args[2]), oracle.resolve("duckdb.tmp"))) {
      for (TableCheck check : TableCheck.ALL) {
        Result result = check(db, check, warehouse.resolve(check.table()), oracle.resolve(check.table() + ".parquet"));
        print(result);
        ok &= result.ok();
      }
    }
    if (!ok) {
      System.out.println("cross-check: FAILED: provstat and the DuckDB oracle disagree (examples above)");
      System.exit(1);
    }
    System.out.println("cross-check: provstat and the DuckDB oracle agree on all " + TableCheck.ALL.size()
        + " tables (" + String.join(", ", TableCheck.names()) + ")");
  }

  static Result check(Connection db, TableCheck check, Path provstatDir, Path oracleFile) throws SQLException {
    if (!DuckDb.hasParquet(provstatDir)) {
      throw new IllegalStateException("provstat wrote no " + check.table() + " table under " + provstatDir);
    }
    // The large tables are partitioned by year (year=YYYY/ folders): read them as Hive partitions.
    // The others are one file each (DuckDB refuses a hive type for a partition that is not there).
    String hive = DuckDb.partitionedBy(provstatDir, "year")
        ? ", hive_partitioning = true, hive_types = {'year': INTEGER}" : "";
    String provstat = "(SELECT * FROM read_parquet(" + DuckDb.literal(provstatDir + "/**/*.parquet")
        + hive + ") WHERE boundaries = 'published')";
    String oracle = "read_parquet(" + DuckDb.literal(oracleFile.toString()) + ")";
    long provstatRows = count(db, provstat, check.key());
    long oracleRows = count(db, oracle, check.key());
    List<String> names = new ArrayList<>(check.key());
    check.columns().forEach(c -> names.add(c.name()));
    String select = names.stream().map(n -> "p." + quote(n) + ", d." + quote(n)).collect(Collectors.joining(", "));
    String on = check.key().stream().map(k -> "p." + quote(k) + " IS NOT DISTINCT FROM d." + quote(k))
        .collect(Collectors.joining(" AND "));
    String joined = " FROM (SELECT *, true AS _here FROM " + provstat + ") p"
        + " FULL OUTER JOIN (SELECT *, true AS _here FROM " + oracle + ") d ON " + on;
    // Rows DuckDB can tell agree on its own, by bounds stricter than Agreement's, are only counted:
    // at 10^7 rows, moving tens of millions of rows through JDBC would cost more than the run.
    // Every other row, and any row a bound is unsure of, is judged in Java, one by one.
    String surely = "coalesce(p._here IS NOT NULL AND d._here IS NOT NULL AND "
        + check.columns().stream().map(CrossCheck::surelyAgrees).collect(Collectors.joining(" AND ")) + ", false)";
    long agree;
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*)" + joined + " WHERE " + surely)) {
      r.next();
      agree = r.getLong(1);
    }
    String sql = "SELECT p._here, d._here, " + select + joined + " WHERE NOT " + surely;
    long onlyProvstat = 0;
    long onlyOracle = 0;
    long different = 0;
    long inFamilies = 0;
    List<String> examples = new ArrayList<>();
    try (Statement s = db.createStatement(); ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        boolean inProvstat = r.getObject(1) != null;
        boolean inOracle = r.getObject(2) != null;
        Map<String, Object> p = new LinkedHashMap<>();
        Map<String, Object> d = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
          p.put(names.get(i), r.getObject(3 + 2 * i));
          d.put(names.get(i), r.getObject(4 + 2 * i));
        }
        if (!(inOracle && inProvstat) && involvesFamily(inProvstat ? p : d)) {
          inFamilies++;
        }
        if (!inOracle) {
          onlyProvstat++;
          example(examples, "only in provstat", keyOf(check, p), "");
          continue;
        }
        if (!inProvstat) {
          onlyOracle++;
          example(examples, "only in the oracle", keyOf(check, d), "");
          continue;
        }
        List<String> diffs = new ArrayList<>();
        for (TableCheck.Column column : check.columns()) {
          Object a = p.get(column.name());
          Object b = d.get(column.name());
          switch (column.kind()) {
            case EXACT -> {
              if (!Agreement.exact(a, b)) {
                diffs.add(column.name() + " provstat=" + a + " oracle=" + b);
              }
            }
            case CLOSE -> {
              if (!Agreement.close(toDouble(a), toDouble(b))) {
                diffs.add(column.name() + " provstat=" + a + " oracle=" + b);
              }
            }
          }
        }
        if (diffs.isEmpty()) {
          agree++;
        } else {
          different++;
          if (involvesFamily(p)) {
            inFamilies++;
          }
          example(examples, "different", keyOf(check, p), String.join("; ", diffs));
        }
      }
    }
    return new Result(check.table(), provstatRows, oracleRows, agree, onlyProvstat, onlyOracle,
        different, inFamilies, examples);
  }

  /** Whether a row names a member of a catalogue family (export_hs_0306 of export_hs_*). */
  private static boolean involvesFamily(Map<String, Object> row) {
    return row.values().stream().anyMatch(v -> v instanceof String text
        && ReferenceData.get().family(text).isPresent());
  }

  /**
   * A SQL condition under which a column surely agrees in the sense of {@link Agreement}: equal (or
   * both null), or within half the tolerance.
   */
  static String surelyAgrees(TableCheck.Column column) {
    String p = "p." + quote(column.name());
    String d = "d." + quote(column.name());
    String bothNull = "(" + p + " IS NULL AND " + d + " IS NULL)";
    String close = "(" + bothNull + " OR abs(" + p + " - " + d + ") <= " + (Agreement.TOLERANCE / 2)
        + " * greatest(1.0, abs(" + p + "), abs(" + d + ")))";
    return switch (column.kind()) {
      case EXACT -> "(" + p + " IS NOT DISTINCT FROM " + d + ")";
      case CLOSE -> close;
    };
  }

  /** A column name as a SQL identifier (reconciliation has a column named check, a keyword). */
  static String quote(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  /** Rows of a relation, failing if its key is not unique (a join on it would multiply rows). */
  private static long count(Connection db, String relation, List<String> key) throws SQLException {
    String keyTuple = "(" + key.stream().map(CrossCheck::quote).collect(Collectors.joining(", ")) + ")";
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*), count(DISTINCT " + keyTuple + ") FROM " + relation)) {
      r.next();
      if (r.getLong(1) != r.getLong(2)) {
        throw new IllegalStateException(relation + ": key " + keyTuple + " is not unique (" + r.getLong(1)
            + " rows, " + r.getLong(2) + " keys)");
      }
      return r.getLong(1);
    }
  }

  private static String keyOf(TableCheck check, Map<String, Object> row) {
    return check.key().stream().map(k -> k + "=" + row.get(k)).collect(Collectors.joining(" "));
  }

  private static void example(List<String> examples, String kind, String key, String detail) {
    if (examples.size() < EXAMPLES) {
      examples.add(kind + ": " + key + (detail.isEmpty() ? "" : ": " + detail));
    }
  }

  private static Double toDouble(Object value) {
    return value == null ? null : ((Number) value).doubleValue();
  }

  static void print(Result r) {
    System.out.printf(Locale.ROOT, "cross-check %s: provstat %d rows, oracle %d rows: %d agree, "
            + "%d only in provstat, %d only in the oracle, %d different%s%n",
        r.table(), r.provstatRows(), r.oracleRows(), r.agree(), r.onlyProvstat(), r.onlyOracle(),
        r.different(), r.ok() ? "" : "  <-- DISAGREE");
    if (r.provstatRows() == 0 && r.oracleRows() == 0) {
      System.out.printf(Locale.ROOT, "cross-check %s: warning: both empty, nothing was compared%n", r.table());
    }
    if (!r.ok() && r.familyDisagreements() > 0) {
      System.out.printf(Locale.ROOT, "cross-check %s: %d of the %d disagreeing rows involve members of "
              + "catalogue families (export_hs_*)%n", r.table(), r.familyDisagreements(), r.onlyProvstat() + r.onlyOracle() + r.different());
    }
    r.examples().forEach(e -> System.out.println("    " + e));
  }
}
