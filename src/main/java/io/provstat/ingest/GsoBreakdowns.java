package io.provstat.ingest;

import io.provstat.reference.ReferenceData;
import io.provstat.reference.ResourceTable;
import io.provstat.text.NameKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The breakdowns GSO tables name in their header cells ({@code Total 1995}, {@code Male Prel. 2016}),
 * and the catalogue indicator each becomes (resource {@value #RESOURCE}). A breakdown not listed is
 * not guessed: the parser skips its columns and says so.
 */
public final class GsoBreakdowns {

  public static final String RESOURCE = "/io/provstat/ingest/gso_breakdowns.csv";

  /** By table indicator, then by the folded breakdown label. */
  private static final Map<String, Map<String, String>> BY_TABLE = load();

  private GsoBreakdowns() {}

  /** The indicator the cells of a breakdown of a table of {@code tableIndicator} become, if known. */
  public static Optional<String> lookup(String tableIndicator, String breakdown) {
    return Optional.ofNullable(BY_TABLE.getOrDefault(tableIndicator, Map.of()).get(NameKey.fold(breakdown)));
  }

  private static Map<String, Map<String, String>> load() {
    ReferenceData ref = ReferenceData.get();
    Map<String, Map<String, String>> byTable = new LinkedHashMap<>();
    for (ResourceTable.Row row : ResourceTable.load(RESOURCE)) {
      String table = row.required("table_indicator");
      String indicator = row.required("indicator");
      row.required("source");
      for (String code : new String[] {table, indicator}) {
        if (ref.indicator(code).isEmpty()) {
          throw row.error("unknown indicator '" + code + "'");
        }
      }
      String key = NameKey.fold(row.required("breakdown"));
      if (key.isEmpty()) {
        throw row.error("breakdown '" + row.get("breakdown") + "' folds to nothing");
      }
      String previous = byTable.computeIfAbsent(table, t -> new LinkedHashMap<>()).putIfAbsent(key, indicator);
      if (previous != null) {
        throw row.error("breakdown '" + row.get("breakdown") + "' of " + table + " listed twice");
      }
    }
    return Map.copyOf(byTable);
  }
}
