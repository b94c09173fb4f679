package io.provstat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.provstat.analytics.Analysis;
import io.provstat.warehouse.TableDef;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;

/** The cross-check covers every table analyze writes, and every column of each. */
class TableCheckTest {

  @Test
  void everyAnalyticTableIsChecked() {
    assertEquals(Analysis.TABLES.stream().map(TableDef::name).toList(), TableCheck.names());
  }

  @Test
  void everyColumnIsAKeyOrCompared() {
    for (TableDef table : Analysis.TABLES) {
      TableCheck check = TableCheck.ALL.stream().filter(c -> c.table().equals(table.name())).findFirst()
          .orElseThrow(() -> new AssertionError("no check for table " + table.name()));
      List<String> checked = new ArrayList<>(check.key());
      check.columns().forEach(c -> checked.add(c.name()));
      // boundaries: the cross-check reads provstat's published rows only (the oracle has no column for it).
      TreeSet<String> expected = new TreeSet<>(Arrays.stream(table.schema().fields()).map(StructField::name)
          .filter(n -> !n.equals("boundaries")).toList());
      assertEquals(expected, new TreeSet<>(checked), table.name() + ": the columns provstat writes");
      assertEquals(checked.size(), new TreeSet<>(checked).size(), table.name() + ": a column checked twice");
    }
  }
}
