package io.provstat.ingest;

import java.util.Locale;

/**
 * Real and synthetic figures never share a warehouse, so no table can rank or sum them together.
 * A figure is synthetic when its {@code document} says so: it starts with {@code synthetic} (what
 * {@code provstat generate} writes, e.g. {@code synthetic: provstat generate --scale 0 --seed 7}).
 * A file is synthetic or real as a whole: its first figure decides, and a line that disagrees is
 * quarantined ({@link QuarantineReason#MIXED_PROVENANCE}).
 */
public final class Provenance {

  public static final String SYNTHETIC_PREFIX = "synthetic";

  private Provenance() {}

  public static boolean isSyntheticDocument(String document) {
    return document != null && document.strip().toLowerCase(Locale.ROOT).startsWith(SYNTHETIC_PREFIX);
  }

  /** How a file's provenance is named in messages. */
  public static String label(boolean synthetic) {
    return synthetic ? "synthetic" : "real";
  }
}
