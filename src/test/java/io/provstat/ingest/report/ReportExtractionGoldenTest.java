package io.provstat.ingest.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provstat.ingest.report.ReportExtractor.Extraction;
import io.provstat.ingest.report.ReportExtractor.Statement;
import io.provstat.testing.SharedData;
import io.provstat.text.CsvSplitter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The acceptance test of report ingestion: the five seed reports (read from ../shared, skipped when
 * absent) against the figures an analyst keyed by hand from them (sample-data/reports). Precision
 * must be 100 % (no extracted figure that is not hand-keyed, no value that differs) and recall at
 * least 95 %; the misses and extras are printed.
 */
class ReportExtractionGoldenTest {

  /** Key: province, year, period, indicator, measure (and scope, which only ranks carry). */
  private record Key(String province, int year, String period, String indicator, String measure) {}

  private record Keyed(double value, String unit, String status, String scope) {}

  /**
   * Two reports never name their province (Hòa Bình's names a district, Nghệ An's only a photo
   * file and local projects), so, as an analyst would, the test gives it: the seeds' README says
   * how it is known. Year is always detected.
   */
  private static final Map<String, String> PROVINCE_GIVEN = Map.of(
      "002_f6790c6781373ea6.txt", "17",
      "004_12fce554554b329c.txt", "40");

  @Test
  void fiveReportsMatchTheHandKeyedFigures() throws Exception {
    Path seeds = SharedData.require("seeds");
    Path keyedDir = SharedData.project().resolve("sample-data/reports");
    Map<String, Map<Key, Keyed>> keyedByDocument = new TreeMap<>();
    try (var files = Files.list(keyedDir)) {
      for (Path csv : files.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
        readKeyed(csv, keyedByDocument);
      }
    }
    assertEquals(5, keyedByDocument.size(), keyedByDocument.keySet().toString());

    int keyedRows = 0;
    int found = 0;
    int extracted = 0;
    int correct = 0;
    int statusWrong = 0;
    List<String> misses = new ArrayList<>();
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, Map<Key, Keyed>> doc : keyedByDocument.entrySet()) {
      String name = doc.getKey();
      String text = Files.readString(SharedData.require("seeds/" + name), StandardCharsets.UTF_8);
      Extraction x = ReportExtractor.extract(text, PROVINCE_GIVEN.get(name), null);
      assertNull(x.problem(), name + ": " + x.message());
      Map<Key, Keyed> keyed = doc.getValue();
      Map<Key, Statement> got = new TreeMap<>(java.util.Comparator.comparing(Key::toString));
      for (Statement s : x.statements()) {
        assertEquals(s.quote(), text.substring(s.quoteStart(), s.quoteEnd()), "quote offsets");
        Key key = new Key(x.provinceCode(), s.year(), s.period(), s.indicator(), s.measure());
        Statement before = got.put(key, s);
        if (before != null && !same(before.value(), s.value())) {
          wrong.add(name + " " + key + " extracted twice with different values: " + before.value() + ", "
              + s.value());
        }
      }
      keyedRows += keyed.size();
      for (Map.Entry<Key, Keyed> k : keyed.entrySet()) {
        Statement s = got.get(k.getKey());
        if (s != null && same(s.value(), k.getValue().value()) && s.unit().equals(k.getValue().unit())) {
          found++;
        } else if (s == null) {
          misses.add(name + " " + k.getKey() + " = " + k.getValue().value());
        }
      }
      for (Map.Entry<Key, Statement> g : got.entrySet()) {
        extracted++;
        Keyed k = keyed.get(g.getKey());
        Statement s = g.getValue();
        if (k == null) {
          wrong.add(name + " extra " + g.getKey() + " = " + s.value() + " from \"" + s.quote() + "\"");
        } else if (!same(s.value(), k.value()) || !s.unit().equals(k.unit())) {
          wrong.add(name + " WRONG " + g.getKey() + " = " + s.value() + " " + s.unit() + ", keyed "
              + k.value() + " " + k.unit() + " from \"" + s.quote() + "\"");
        } else {
          correct++;
          if (!java.util.Objects.equals(s.scope(), k.scope())) {
            wrong.add(name + " scope " + g.getKey() + " " + s.scope() + ", keyed " + k.scope());
          }
          if (!s.status().equals(k.status())) {
            statusWrong++;
            wrong.add(name + " status " + g.getKey() + " " + s.status() + ", keyed " + k.status());
          }
        }
      }
    }
    double precision = extracted == 0 ? 0 : 100.0 * correct / extracted;
    double recall = 100.0 * found / keyedRows;
    System.out.printf(Locale.ROOT, "report extraction on the five seeds: %d extracted, %d correct, %d hand-keyed, "
        + "%d found: precision %.1f %%, recall %.1f %%%n", extracted, correct, keyedRows, found, precision, recall);
    misses.forEach(m -> System.out.println("  missed: " + m));
    wrong.forEach(w -> System.out.println("  " + w));
    assertTrue(wrong.isEmpty() && statusWrong == 0, "wrong or unkeyed figures: " + wrong);
    assertEquals(100.0, precision, 1e-9);
    assertTrue(recall >= 95.0, "recall " + recall + " %; missed: " + misses);
  }

  private static boolean same(double a, double b) {
    return Math.abs(a - b) <= Math.max(Math.abs(a), Math.abs(b)) * 1e-9;
  }

  private static void readKeyed(Path csv, Map<String, Map<Key, Keyed>> out) throws Exception {
    List<String> header = null;
    for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      List<String> f = CsvSplitter.split(line, ',');
      if (header == null) {
        header = f;
        continue;
      }
      Map<String, String> row = new TreeMap<>();
      for (int i = 0; i < header.size(); i++) {
        row.put(header.get(i), f.get(i));
      }
      Key key = new Key(row.get("province_code"), Integer.parseInt(row.get("year")), row.get("period"),
          row.get("indicator"), row.get("measure"));
      out.computeIfAbsent(row.get("document"), d -> new TreeMap<>(java.util.Comparator.comparing(Key::toString)))
          .put(key, new Keyed(Double.parseDouble(row.get("value")), row.get("unit"), row.get("status"),
              row.get("scope").isEmpty() ? null : row.get("scope")));
    }
  }
}
