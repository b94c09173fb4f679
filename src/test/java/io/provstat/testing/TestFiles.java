package io.provstat.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** Files that tests make and compare. */
public final class TestFiles {

  private TestFiles() {}

  /** Deletes a folder and everything under it (links themselves, not what they point to). */
  public static void deleteTree(Path root) throws Exception {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /**
   * Every file of a table, through its link to the current version: path relative to the version,
   * and the SHA-256 of its bytes.
   */
  public static Map<String, String> digests(Path table) throws Exception {
    Map<String, String> files = new TreeMap<>();
    Path real = table.toRealPath();
    try (var walk = Files.walk(real)) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        files.put(real.relativize(f).toString(),
            HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
      }
    }
    return files;
  }
}
