package io.provstat.ingest;

import java.io.Serializable;
import java.util.regex.Pattern;

/**
 * Settings that apply to every file of an ingest run.
 *
 * @param minYear first accepted year
 * @param maxYear last accepted year (plans for next year are legitimate, so not "this year")
 * @param vintage publication date given on the command line, for rows that carry none
 * @param reportProvince GSO code of the province of every report, or null to detect it from each text
 * @param reportYear year of the figures of every report, or null to detect it from each text
 */
public record ParseOptions(int minYear, int maxYear, String vintage, String reportProvince, Integer reportYear)
    implements Serializable {

  public static final int DEFAULT_MIN_YEAR = 1990;
  public static final int DEFAULT_MAX_YEAR = 2050;

  /** A vintage is a year, a month or a date, ISO-style, so that text order is time order. */
  public static final Pattern VINTAGE = Pattern.compile("\\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\\d|3[01]))?)?");

  public static ParseOptions defaults() {
    return new ParseOptions(DEFAULT_MIN_YEAR, DEFAULT_MAX_YEAR, null, null, null);
  }

  public ParseOptions {
    if (minYear > maxYear) {
      throw new InputException("--min-year " + minYear + " is after --max-year " + maxYear);
    }
    if (vintage != null && !VINTAGE.matcher(vintage).matches()) {
      throw new InputException("--vintage '" + vintage + "' is not YYYY, YYYY-MM or YYYY-MM-DD");
    }
    if (reportProvince != null) {
      String given = reportProvince;
      reportProvince = io.provstat.reference.ReferenceData.get().provinceByCode(given)
          .map(io.provstat.reference.Province::gsoCode).orElseThrow(() -> new InputException(
              "--province '" + given + "' is not a GSO province code (e.g. 94 for Sóc Trăng)"));
    }
    if (reportYear != null && (reportYear < minYear || reportYear > maxYear)) {
      throw new InputException("--year " + reportYear + " is outside " + minYear + ".." + maxYear);
    }
  }
}
