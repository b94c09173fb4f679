package io.provstat.query;

import io.provstat.ingest.InputException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Range;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

/**
 * Prints a query result: an aligned table (for people), CSV with RFC 4180 quoting, or JSON with one
 * object per line (for programs). Values are rendered by Spark (a cast to string for the table and
 * CSV, {@code to_json} for JSON), so they read as Spark prints them; {@link Printout} lays them out. At most {@code limit} rows are
 * fetched (limit + 1, to tell whether there were more); limit 0 streams every row, which only the
 * CSV and JSON formats do, since a table is aligned over rows held in memory.
 */
public final class ResultWriter {

  /** The option that raises the row limit of a table printout, named in the truncation note. */
  public static final String LIMIT_OPTION = "--limit";

  /** Output formats of {@code sql}. */
  public enum Format {
    TABLE, CSV, JSON;

    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Format> fromCode(String code) {
      return Arrays.stream(values()).filter(f -> f.code().equals(code)).findFirst();
    }
  }

  /** What was printed. */
  public record Written(long rows, boolean truncated) {}

  private ResultWriter() {}

  /** Up to this many rows are fetched at once (a limit query is quickest so); more are streamed. */
  static final int COLLECTED_ROWS = 100_000;

  /** Rows a partition of range(...) holds at most when streamed: what the driver holds at a time. */
  static final long ROWS_PER_STREAMED_PARTITION = 1L << 20;

  /**
   * Whether the rows are streamed (CSV and JSON with --limit 0 or a large limit) rather than fetched
   * at once (the table, which is aligned over the rows it holds, and small limits).
   */
  public static boolean streams(Format format, int limit) {
    return format != Format.TABLE && (limit == 0 || limit > COLLECTED_ROWS);
  }

  /**
   * The plan with every range(...) split into partitions of at most
   * {@link #ROWS_PER_STREAMED_PARTITION} rows: a streamed result reaches the driver one partition
   * at a time, and range(10^8) would otherwise be one partition per core.
   */
  public static LogicalPlan splitRanges(LogicalPlan plan) {
    return plan.transformUp(new scala.runtime.AbstractPartialFunction<LogicalPlan, LogicalPlan>() {
      @Override
      public boolean isDefinedAt(LogicalPlan node) {
        return node instanceof Range range && slicesNeeded(range) > (Integer) range.numSlices().getOrElse(() -> 1);
      }

      @Override
      public <A1 extends LogicalPlan, B1> B1 applyOrElse(A1 node, scala.Function1<A1, B1> otherwise) {
        if (!isDefinedAt(node)) {
          return otherwise.apply(node);
        }
        Range range = (Range) node;
        @SuppressWarnings("unchecked")
        B1 split = (B1) new Range(range.start(), range.end(), range.step(),
            scala.Option.apply((Object) slicesNeeded(range)), range.output(), range.isStreaming());
        return split;
      }
    });
  }

  private static int slicesNeeded(Range range) {
    java.math.BigInteger rows = range.numElements().bigInteger();
    java.math.BigInteger slices = rows.add(java.math.BigInteger.valueOf(ROWS_PER_STREAMED_PARTITION - 1))
        .divide(java.math.BigInteger.valueOf(ROWS_PER_STREAMED_PARTITION));
    return slices.min(java.math.BigInteger.valueOf(1_000_000)).intValue();
  }

  /** Prints the result with its doubles rounded for display to {@code decimals} ({@link Display}). */
  public static Written write(Dataset<Row> result, Format format, int limit, int decimals, PrintWriter out) {
    StructField[] fields = result.schema().fields();
    // Positional names: a result may have two columns of one name (a join's "SELECT a.x, b.x").
    String[] positional = IntStream.range(0, fields.length).mapToObj(i -> "c" + i).toArray(String[]::new);
    Dataset<Row> renamed = result.toDF(positional);
    if (decimals != Display.FULL_PRECISION) {
      Column[] shown = new Column[fields.length];
      for (int i = 0; i < fields.length; i++) {
        shown[i] = shown(functions.col(positional[i]), fields[i].dataType(), format, decimals).as(positional[i]);
      }
      renamed = renamed.select(shown);
    }
    Dataset<Row> rendered;
    if (format == Format.JSON) {
      Set<String> seen = new HashSet<>();
      for (StructField field : fields) {
        if (!seen.add(field.name())) {
          throw new InputException("the result has two columns named '" + field.name()
              + "': name them apart (AS) for --format json");
        }
      }
      Column[] named = IntStream.range(0, fields.length)
          .mapToObj(i -> functions.col(positional[i]).as(fields[i].name())).toArray(Column[]::new);
      rendered = renamed.select(functions.to_json(functions.struct(named), Map.of("ignoreNullFields", "false")));
    } else {
      rendered = renamed.select(Arrays.stream(positional).map(c -> functions.col(c).cast("string"))
          .toArray(Column[]::new));
    }

    Iterator<Row> rows;
    if (streams(format, limit)) {
      // One partition at a time on the driver (the query session keeps partitions small); stopping
      // after limit + 1 rows leaves the partitions not yet needed uncomputed.
      rows = rendered.toLocalIterator();
    } else {
      // One row more than printed, to tell whether there were more.
      rows = rendered.limit(limit == Integer.MAX_VALUE ? limit : limit + 1).collectAsList().iterator();
    }
    return Printout.print(columns(fields), format == Format.JSON ? cells(rows, 1) : cells(rows, fields.length),
        format, limit, out);
  }

  /**
   * A double or float as {@link Display} shows it: Spark's round is half-up on the shortest decimal
   * form, as Display's; adding 0.0 turns -0.0 into 0.0. A table and CSV get fixed places
   * ({@code 1500.00}, as Display.fixed); JSON the rounded number.
   */
  private static Column shown(Column value, org.apache.spark.sql.types.DataType type, Format format, int decimals) {
    if (!(type instanceof org.apache.spark.sql.types.DoubleType || type instanceof org.apache.spark.sql.types.FloatType)) {
      return value;
    }
    Column rounded = functions.round(value.cast("double"), decimals).plus(0.0);
    return format == Format.JSON ? rounded
        : functions.format_string("%." + decimals + "f", rounded);
  }

  /** Spark's rows as the printer's cells: each value already rendered as a string, null for NULL. */
  private static Iterator<String[]> cells(Iterator<Row> rows, int columns) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public String[] next() {
        Row row = rows.next();
        String[] line = new String[columns];
        for (int i = 0; i < columns; i++) {
          line[i] = row.isNullAt(i) ? null : row.getString(i);
        }
        return line;
      }
    };
  }

  private static List<Printout.Column> columns(StructField[] fields) {
    return Arrays.stream(fields).map(f -> new Printout.Column(f.name(), isNumeric(f.dataType()))).toList();
  }

  private static boolean isNumeric(DataType type) {
    return type instanceof NumericType || type instanceof DecimalType;
  }
}
