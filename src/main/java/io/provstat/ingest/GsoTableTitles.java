package io.provstat.ingest;

import io.provstat.ingest.GsoTableParser.TableSpec;
import io.provstat.reference.ResourceTable;
import io.provstat.text.NameKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Known GSO tables, recognised by their title (resource {@value #RESOURCE}). */
public final class GsoTableTitles {

  public static final String RESOURCE = "/io/provstat/ingest/gso_tables.csv";

  private record Entry(String key, TableSpec spec) {}

  private static final List<Entry> ENTRIES = load();

  private GsoTableTitles() {}

  public static Optional<TableSpec> lookup(String title) {
    String key = NameKey.of(title);
    return ENTRIES.stream().filter(e -> key.startsWith(e.key())).map(Entry::spec).findFirst();
  }

  private static List<Entry> load() {
    List<Entry> entries = new ArrayList<>();
    for (ResourceTable.Row row : ResourceTable.load(RESOURCE)) {
      entries.add(new Entry(NameKey.of(row.required("title_prefix")),
          new TableSpec(row.required("indicator"), row.required("measure"), row.required("unit"),
              row.required("numbers").equals("vietnamese"))));
    }
    return List.copyOf(entries);
  }
}
