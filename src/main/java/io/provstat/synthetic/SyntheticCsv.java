package io.provstat.synthetic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * The tidy CSV form of a synthetic panel: one file per year ({@link SyntheticPanel#csvFileName}),
 * provinces in code order, '\n' line ends, UTF-8, so the same seed and scale give the same bytes.
 * The first line says the figures are synthetic; ingest reads the rest like any tidy CSV.
 */
public final class SyntheticCsv {

  public static final List<String> HEADER = List.of("province_code", "province_name", "year", "period",
      "indicator", "measure", "value", "unit", "status", "vintage", "document");

  private SyntheticCsv() {}

  /** The first line of every file: what the data is and how to make it again. */
  public static String comment(SyntheticPanel panel, int year) {
    return "# Synthetic figures, " + year + ": invented by `" + panel.command()
        + "` (io.provstat.synthetic); not real data, never to be ranked or summed with real figures.";
  }

  /** Writes one year's file; returns the data lines written. */
  public static long writeYear(SyntheticPanel panel, int year, Writer out) {
    try {
      out.write(comment(panel, year));
      out.write('\n');
      out.write(String.join(",", HEADER));
      out.write('\n');
      String document = panel.document();
      long[] lines = {0};
      StringBuilder line = new StringBuilder(160);
      for (int p = 0; p < panel.provinces().size(); p++) {
        if (!panel.isPresent(p, year)) {
          continue;
        }
        panel.generate(panel.key(p, year), o -> {
          line.setLength(0);
          line.append(o.provinceCode()).append(',').append(field(o.provinceName())).append(',').append(o.year())
              .append(',').append(o.period()).append(',').append(o.indicator()).append(',').append(o.measure())
              .append(',').append(o.value()).append(',').append(o.unit()).append(',').append(o.status())
              .append(',').append(o.vintage()).append(',').append(field(document)).append('\n');
          try {
            out.append(line);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          lines[0]++;
        });
      }
      out.flush();
      return lines[0];
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A CSV field, quoted only when it must be. */
  static String field(String text) {
    if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0) {
      return text;
    }
    return '"' + text.replace("\"", "\"\"") + '"';
  }
}
