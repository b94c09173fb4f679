package io.provstat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {

  @Test
  void medianOfOddAndEvenCounts() {
    assertEquals(2.0, Report.median(3, 1, 2));
    assertEquals(2.5, Report.median(4, 1, 2, 3));
    assertEquals(7.0, Report.median(7));
    assertThrows(IllegalArgumentException.class, Report::median);
  }

  @Test
  void ratiosAreOfMediansAtTheSameSizeAndPeakIsTheLargestRss() {
    List<Report.Measurement> raw = Report.parse(List.of(
        "size,rows,step,run,wall_s,in_process_s,rss_kib",
        "1e5,100000,floor,1,10,,1024", "1e5,100000,floor,2,12,,2048", "1e5,100000,floor,3,11,,1024",
        "1e5,100000,provstat,1,30,20,4096", "1e5,100000,provstat,2,40,25,4096", "1e5,100000,provstat,3,33,21,8192",
        "1e5,100000,duckdb,1,2,1,512", "1e5,100000,duckdb,2,3,1,512", "1e5,100000,duckdb,3,1,1,512"));
    List<Report.Line> lines = Report.summarize(raw);
    assertEquals(List.of("floor", "provstat", "duckdb"), lines.stream().map(Report.Line::step).toList());
    Report.Line provstat = lines.get(1);
    assertEquals(33.0, provstat.seconds());
    assertEquals(21.0, provstat.inProcessSeconds());
    assertEquals(3.0, provstat.ratioToFloor());
    assertEquals(16.5, provstat.ratioToDuckdb());
    assertEquals(8.0, provstat.peakRssMib());
    assertEquals(100000 / 33.0, provstat.rowsPerSecond(), 1e-9);
    assertNull(lines.get(0).inProcessSeconds());
  }
}
