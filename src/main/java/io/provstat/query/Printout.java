package io.provstat.query;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Lays a query result out for {@code sql}, whichever engine ran it: an aligned table, RFC 4180 CSV
 * or one JSON object per line. The engine renders every value as text first (so both engines print
 * a value the same way); this class only aligns, quotes, escapes and stops at the limit. Needs no
 * Spark: the DuckDB engine prints through it without loading Spark's classes.
 */
public final class Printout {

  /** A result column: its name and whether it holds numbers (right-aligned, never formula-escaped). */
  public record Column(String name, boolean numeric) {}

  private static final String NULL_IN_TABLE = "NULL";
  private static final String NEWLINE = System.lineSeparator();

  private Printout() {}

  /**
   * Prints rows of cells (each value as text, null for NULL; for JSON, one cell per row: the row's
   * object), at most {@code limit} of them (0: all), and says whether there were more.
   */
  public static ResultWriter.Written print(List<Column> columns, Iterator<String[]> rows, ResultWriter.Format format,
      int limit, PrintWriter out) {
    return switch (format) {
      case TABLE -> table(columns, rows, limit, out);
      case CSV -> csv(columns, rows, limit, out);
      case JSON -> json(rows, limit, out);
    };
  }

  private static ResultWriter.Written json(Iterator<String[]> rows, int limit, PrintWriter out) {
    long n = 0;
    while (rows.hasNext()) {
      String[] row = rows.next();
      if (limit > 0 && n == limit) {
        return new ResultWriter.Written(n, true);
      }
      // append, not println: the process's writer flushes on every println, a system call a row.
      out.append(row[0]).append(NEWLINE);
      n++;
    }
    return new ResultWriter.Written(n, false);
  }

  private static ResultWriter.Written csv(List<Column> fields, Iterator<String[]> rows, int limit, PrintWriter out) {
    out.println(String.join(",", fields.stream().map(f -> csvField(formulaSafe(f.name()))).toList()));
    boolean[] text = new boolean[fields.size()];
    for (int i = 0; i < fields.size(); i++) {
      text[i] = !isNumeric(fields.get(i));
    }
    long n = 0;
    StringBuilder line = new StringBuilder();
    while (rows.hasNext()) {
      String[] row = rows.next();
      if (limit > 0 && n == limit) {
        return new ResultWriter.Written(n, true);
      }
      line.setLength(0);
      for (int i = 0; i < fields.size(); i++) {
        if (i > 0) {
          line.append(',');
        }
        // A null is an empty field; an empty string is "" so the two stay apart.
        line.append(row[i] == null ? "" : csvField(text[i] ? formulaSafe(row[i]) : row[i]));
      }
      out.append(line).append(NEWLINE);
      n++;
    }
    return new ResultWriter.Written(n, false);
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

  private static ResultWriter.Written table(List<Column> fields, Iterator<String[]> rows, int limit, PrintWriter out) {
    List<String[]> cells = new ArrayList<>();
    boolean truncated = false;
    while (rows.hasNext()) {
      String[] row = rows.next();
      if (cells.size() == limit) {
        truncated = true;
        break;
      }
      String[] line = new String[fields.size()];
      for (int i = 0; i < fields.size(); i++) {
        line[i] = row[i] == null ? NULL_IN_TABLE : printable(row[i]);
      }
      cells.add(line);
    }
    int[] widths = new int[fields.size()];
    boolean[] right = new boolean[fields.size()];
    for (int i = 0; i < fields.size(); i++) {
      widths[i] = width(fields.get(i).name());
      right[i] = isNumeric(fields.get(i));
      for (String[] line : cells) {
        widths[i] = Math.max(widths[i], width(line[i]));
      }
    }
    String[] header = fields.stream().map(Column::name).toArray(String[]::new);
    out.println(tableLine(header, widths, right));
    out.println(tableLine(Arrays.stream(widths).mapToObj(w -> "-".repeat(w)).toArray(String[]::new), widths,
        right));
    for (String[] line : cells) {
      out.println(tableLine(line, widths, right));
    }
    if (truncated) {
      out.printf(Locale.ROOT, "(first %d rows; the result has more: raise %s)%n", cells.size(), ResultWriter.LIMIT_OPTION);
    } else {
      out.printf(Locale.ROOT, "(%d row%s)%n", cells.size(), cells.size() == 1 ? "" : "s");
    }
    return new ResultWriter.Written(cells.size(), truncated);
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

  private static boolean isNumeric(Column column) {
    return column.numeric();
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
