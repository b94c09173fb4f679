package io.provstat.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provstat.testing.SharedData;
import io.provstat.text.CsvSplitter;
import io.provstat.text.NameKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The project's own reference data, written from public facts, checked against the independent
 * compilation in ../shared/realdata/vn-province-reference (skipped where it is absent).
 */
class ReferenceAgainstSharedDataTest {

  private final ReferenceData ref = ReferenceData.get();

  private static List<Map<String, String>> readCsv(Path file) throws Exception {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<String> header = CsvSplitter.split(lines.get(0).replace("\uFEFF", ""), ',');
    List<Map<String, String>> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      List<String> fields = CsvSplitter.split(line, ',');
      Map<String, String> row = new TreeMap<>();
      for (int i = 0; i < header.size(); i++) {
        row.put(header.get(i), fields.get(i));
      }
      rows.add(row);
    }
    return rows;
  }

  @Test
  void sixtyThreeProvincesMatchCodesNamesRegionsAndGsoLabels() throws Exception {
    Path file = SharedData.require("realdata/vn-province-reference/provinces_63_pre2025.csv");
    List<Map<String, String>> rows = readCsv(file);
    assertEquals(63, rows.size());
    for (Map<String, String> row : rows) {
      String code = row.get("gso_code");
      Province p = ref.provinceByCode(code).orElseThrow(() -> new AssertionError("missing code " + code));
      assertTrue(!p.isFormer(), code);
      assertEquals(row.get("region_code"), p.regionCode(), code);
      assertEquals(p, ref.provinceByName(row.get("name_vi")).orElseThrow(), row.get("name_vi"));
      assertEquals(p, ref.provinceByName(row.get("full_name_vi")).orElseThrow(), row.get("full_name_vi"));
      assertEquals(p, ref.provinceByName(row.get("name_ascii")).orElseThrow(), row.get("name_ascii"));
      assertEquals(p, ref.provinceByName(row.get("gso_table_label_en")).orElseThrow(), row.get("gso_table_label_en"));
      assertEquals(Integer.valueOf(row.get("gso_table_order")), p.gsoOrder(), code);
      assertEquals(row.get("new_code_2025"), p.unit2025Code(), code);
      assertEquals(NameKey.of(row.get("region_vi")), NameKey.of(ref.region(p.regionCode()).orElseThrow().nameVi()));
    }
  }

  @Test
  void thirtyFourUnitsMatchNamesAndMembers() throws Exception {
    Path file = SharedData.require("realdata/vn-province-reference/provinces_34_from_2025-07-01.csv");
    List<Map<String, String>> rows = readCsv(file);
    assertEquals(34, rows.size());
    for (Map<String, String> row : rows) {
      Unit2025 unit = ref.unit2025(row.get("new_code")).orElseThrow(() -> new AssertionError(row.toString()));
      assertEquals(NameKey.of(row.get("name_vi")), NameKey.of(unit.nameVi()), row.toString());
      assertEquals(new TreeSet<>(Arrays.asList(row.get("merged_old_gso_codes").split("\\|"))),
          new TreeSet<>(unit.formerProvinceCodes()), row.toString());
    }
  }
}
