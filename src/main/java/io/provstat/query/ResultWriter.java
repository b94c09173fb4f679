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
 * CSV, {@code to_json} for JSON), so they read as Spark prints them. At most {@code limit} rows are
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

  private static final String NULL_IN_TABLE = "NULL";
  private static final String NEWLINE = System.lineSeparator();

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

  public static Written write(Dataset<Row> result, Format format, int limit, PrintWriter out) {
    StructField[] fields = result.schema().fields();
    // Positional names: a result may have two columns of one name (a join's "SELECT a.x, b.x").
    String[] positional = IntStream.range(0, fields.length).mapToObj(i -> "c" + i).toArray(String[]::new);
    Dataset<Row> renamed = result.toDF(positional);
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
    return switch (format) {
      case TABLE -> table(fields, rows, limit, out);
      case CSV -> csv(fields, rows, limit, out);
      case JSON -> json(rows, limit, out);
    };
  }

  private static Written json(Iterator<Row> rows, int limit, PrintWriter out) {
    long n = 0;
    while (rows.hasNext()) {
      Row row = rows.next();
      if (limit > 0 && n == limit) {
        return new Written(n, true);
      }
      // append, not println: the process's writer flushes on every println, a system call a row.
      out.append(row.getString(0)).append(NEWLINE);
      n++;
    }
    return new Written(n, false);
  }

  private static Written csv(StructField[] fields, Iterator<Row> rows, int limit, PrintWriter out) {
    out.println(String.join(",", Arrays.stream(fields).map(f -> csvField(formulaSafe(f.name()))).toList()));
    boolean[] text = new boolean[fields.length];
    for (int i = 0; i < fields.length; i++) {
      text[i] = !isNumeric(fields[i].dataType());
    }
    long n = 0;
    StringBuilder line = new StringBuilder();
    while (rows.hasNext()) {
      Row row = rows.next();
      if (limit > 0 && n == limit) {
        return new Written(n, true);
      }
      line.setLength(0);
      for (int i = 0; i < fields.length; i++) {
        if (i > 0) {
          line.append(',');
        }
        // A null is an empty field; an empty string is "" so the two stay apart.
        line.append(row.isNullAt(i) ? "" : csvField(text[i] ? formulaSafe(row.getString(i)) : row.getString(i)));
      }
      out.append(line).append(NEWLINE);
      n++;
    }
    return new Written(n, false);
  }

  /**
   * A text a spreadsheet would run as a formula (OWASP CSV injection: it starts with =, +, -, @, a
   * tab or a carriage return) gets a leading ' so that it is shown as text; numbers are not text.
   */
  static String formulaSafe(String value) {
    if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
      return "'" + value;
    }
    return value;
  }

  /** RFC 4180: a field with a comma, quote, CR or LF (or an empty one) is quoted, quotes doubled. */
  static String csvField(String value) {
    if (value.isEmpty() || value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
        || value.indexOf('\r') >= 0) {
      return '"' + value.replace("\"", "\"\"") + '"';
    }
    return value;
  }

  private static Written table(StructField[] fields, Iterator<Row> rows, int limit, PrintWriter out) {
    List<String[]> cells = new ArrayList<>();
    boolean truncated = false;
    while (rows.hasNext()) {
      Row row = rows.next();
      if (cells.size() == limit) {
        truncated = true;
        break;
      }
      String[] line = new String[fields.length];
      for (int i = 0; i < fields.length; i++) {
        line[i] = row.isNullAt(i) ? NULL_IN_TABLE : printable(row.getString(i));
      }
      cells.add(line);
    }
    int[] widths = new int[fields.length];
    boolean[] right = new boolean[fields.length];
    for (int i = 0; i < fields.length; i++) {
      widths[i] = width(fields[i].name());
      right[i] = isNumeric(fields[i].dataType());
      for (String[] line : cells) {
        widths[i] = Math.max(widths[i], width(line[i]));
      }
    }
    String[] header = Arrays.stream(fields).map(StructField::name).toArray(String[]::new);
    out.println(tableLine(header, widths, right));
    out.println(tableLine(Arrays.stream(widths).mapToObj(w -> "-".repeat(w)).toArray(String[]::new), widths,
        right));
    for (String[] line : cells) {
      out.println(tableLine(line, widths, right));
    }
    if (truncated) {
      out.printf(Locale.ROOT, "(first %d rows; the result has more: raise %s)%n", cells.size(), LIMIT_OPTION);
    } else {
      out.printf(Locale.ROOT, "(%d row%s)%n", cells.size(), cells.size() == 1 ? "" : "s");
    }
    return new Written(cells.size(), truncated);
  }

  private static String tableLine(String[] values, int[] widths, boolean[] right) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      String pad = " ".repeat(widths[i] - width(values[i]));
      if (i > 0) {
        line.append("  ");
      }
      line.append(right[i] ? pad + values[i] : values[i] + pad);
    }
    return line.toString().stripTrailing();
  }

  private static boolean isNumeric(DataType type) {
    return type instanceof NumericType || type instanceof DecimalType;
  }

  /** One line per row: control characters are shown escaped. */
  private static String printable(String value) {
    StringBuilder shown = new StringBuilder(value.length());
    value.codePoints().forEach(c -> {
      switch (c) {
        case '\n' -> shown.append("\\n");
        case '\r' -> shown.append("\\r");
        case '\t' -> shown.append("\\t");
        default -> {
          if (Character.isISOControl(c)) {
            shown.append(String.format(Locale.ROOT, "\\u%04x", c));
          } else {
            shown.appendCodePoint(c);
          }
        }
      }
    });
    return shown.toString();
  }

  /**
   * Columns a value takes on a terminal: code points, less combining marks (a decomposed "ă" is two
   * code points in one column), East Asian wide characters counting two.
   */
  static int width(String value) {
    return value.codePoints().map(c -> {
      int type = Character.getType(c);
      if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT) {
        return 0;
      }
      return isWide(c) ? 2 : 1;
    }).sum();
  }

  private static boolean isWide(int c) {
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3)
        || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60)
        || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1FAFF) || (c >= 0x20000 && c <= 0x3FFFD);
  }
}
