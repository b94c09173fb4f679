package io.provstat.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark table from jobs/bench.sh's raw measurements: per size and step, the median wall
 * time of the runs, the ratios to the floor and to DuckDB at that size, the peak RSS over the runs
 * and rows per second. Prints it and writes it as CSV.
 *
 * <p>Raw input, one line per timed process: {@code size,rows,step,run,wall_s,in_process_s,rss_kib}
 * (in_process_s: the time the job reported itself, without JVM and Spark start-up; empty if none).
 *
 * <p>Usage: {@code Report RAW_CSV OUT_CSV}
 */
public final class Report {

  /** Steps in the order they are run and shown. */
  static final List<String> STEPS = List.of("floor", "provstat", "duckdb");

  record Measurement(String size, long rows, String step, int run, double wallSeconds, Double inProcessSeconds,
      long rssKib) {}

  record Line(String size, long rows, String step, int runs, double seconds, Double inProcessSeconds,
      Double ratioToFloor, Double ratioToDuckdb, double peakRssMib, double rowsPerSecond) {}

  private Report() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: Report RAW_CSV OUT_CSV");
      System.exit(2);
    }
    List<Line> lines = summarize(parse(Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)));
    print(lines, System.out);
    Files.writeString(Path.of(args[1]), csv(lines), StandardCharsets.UTF_8);
  }

  static List<Measurement> parse(List<String> raw) {
    List<Measurement> out = new ArrayList<>();
    for (String line : raw) {
      if (line.isBlank() || line.startsWith("size,")) {
        continue;
      }
      String[] f = line.split(",", -1);
      if (f.length != 7) {
        throw new IllegalArgumentException("bad measurement line: " + line);
      }
      out.add(new Measurement(f[0], Long.parseLong(f[1]), f[2], Integer.parseInt(f[3]), Double.parseDouble(f[4]),
          f[5].isEmpty() ? null : Double.parseDouble(f[5]), Long.parseLong(f[6])));
    }
    return out;
  }

  /** The median: the middle value, or the mean of the two middle values of an even count. */
  static double median(double... values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("median of nothing");
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  static List<Line> summarize(List<Measurement> measurements) {
    Map<String, Map<String, List<Measurement>>> bySize = new LinkedHashMap<>();
    for (Measurement m : measurements) {
      bySize.computeIfAbsent(m.size(), k -> new LinkedHashMap<>()).computeIfAbsent(m.step(), k -> new ArrayList<>())
          .add(m);
    }
    List<Line> lines = new ArrayList<>();
    for (Map.Entry<String, Map<String, List<Measurement>>> size : bySize.entrySet()) {
      Map<String, Double> medians = new LinkedHashMap<>();
      size.getValue().forEach((step, ms) -> medians.put(step,
          median(ms.stream().mapToDouble(Measurement::wallSeconds).toArray())));
      List<String> steps = new ArrayList<>(STEPS);
      size.getValue().keySet().stream().filter(s -> !steps.contains(s)).forEach(steps::add);
      for (String step : steps) {
        List<Measurement> ms = size.getValue().get(step);
        if (ms == null) {
          continue;
        }
        double seconds = medians.get(step);
        double[] inProcess = ms.stream().filter(m -> m.inProcessSeconds() != null)
            .mapToDouble(Measurement::inProcessSeconds).toArray();
        long rows = ms.get(0).rows();
        lines.add(new Line(size.getKey(), rows, step, ms.size(), seconds,
            inProcess.length == 0 ? null : median(inProcess),
            ratio(seconds, medians.get("floor")), ratio(seconds, medians.get("duckdb")),
            ms.stream().mapToLong(Measurement::rssKib).max().orElse(0) / 1024.0,
            seconds > 0 ? rows / seconds : Double.NaN));
      }
    }
    return lines;
  }

  private static Double ratio(double seconds, Double reference) {
    return reference == null || reference <= 0 ? null : seconds / reference;
  }

  static final String[] HEADER = {"size", "rows", "step", "runs", "seconds", "in_process_s", "x_floor", "x_duckdb",
      "peak_rss_mib", "rows_per_s"};

  static void print(List<Line> lines, PrintStream out) {
    out.printf(Locale.ROOT, "%-6s %12s %-9s %4s %9s %12s %8s %8s %12s %12s%n", (Object[]) HEADER);
    for (Line l : lines) {
      out.printf(Locale.ROOT, "%-6s %12d %-9s %4d %9.2f %12s %8s %8s %12.0f %12.0f%n", l.size(), l.rows(), l.step(),
          l.runs(), l.seconds(), fmt(l.inProcessSeconds(), "%.2f"), fmt(l.ratioToFloor(), "%.2f"),
          fmt(l.ratioToDuckdb(), "%.2f"), l.peakRssMib(), l.rowsPerSecond());
    }
  }

  static String csv(List<Line> lines) {
    StringBuilder b = new StringBuilder(String.join(",", HEADER)).append('\n');
    for (Line l : lines) {
      b.append(String.join(",", l.size(), Long.toString(l.rows()), l.step(), Integer.toString(l.runs()),
          fmt(l.seconds(), "%.3f"), fmt(l.inProcessSeconds(), "%.3f"), fmt(l.ratioToFloor(), "%.3f"),
          fmt(l.ratioToDuckdb(), "%.3f"), fmt(l.peakRssMib(), "%.1f"), fmt(l.rowsPerSecond(), "%.0f"))).append('\n');
    }
    return b.toString();
  }

  private static String fmt(Double value, String format) {
    return value == null ? "" : String.format(Locale.ROOT, format, value);
  }
}
