package io.provstat.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provstat.ingest.Ingestion;
import io.provstat.ingest.InputException;
import io.provstat.testing.SparkTestBase;
import io.provstat.warehouse.Tables;
import io.provstat.warehouse.Warehouse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real and synthetic figures never share a warehouse: refused together, split by the pipeline. */
class ProvenanceTest extends SparkTestBase {

  private static final String HEADER = "province_code,year,indicator,measure,value,document\n";

  @TempDir Path dir;

  private Path write(String name, String body) throws Exception {
    Path file = dir.resolve("in").resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, HEADER + body, StandardCharsets.UTF_8);
    return file;
  }

  private Path realFile() throws Exception {
    return write("real.csv", "94,2022,export_value,value,1500,001_9fa879952f808635.txt\n");
  }

  private Path syntheticFile() throws Exception {
    return write("synthetic.csv", "94,2022,export_value,value,1234.5,synthetic: test panel\n"
        + "95,2022,export_value,value,987.25,synthetic: test panel\n");
  }

  @Test
  void ingestRefusesRealAndSyntheticFilesTogetherNamingOneOfEach() throws Exception {
    realFile();
    syntheticFile();
    InputException e = assertThrows(InputException.class, () -> Ingestion.run(spark,
        Ingestion.Config.of(dir.resolve("wh").toString(), dir.resolve("in").toString())));
    assertTrue(e.getMessage().contains("in/real.csv"), e.getMessage());
    assertTrue(e.getMessage().contains("in/synthetic.csv"), e.getMessage());
    assertTrue(e.getMessage().contains("--synthetic-warehouse"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("wh/observations")), "nothing is written");
  }

  @Test
  void aRealLineInASyntheticFileIsQuarantinedAndTheReverse() throws Exception {
    write("synthetic.csv", "94,2022,export_value,value,1234.5,synthetic: test panel\n"
        + "95,2022,export_value,value,987.25,a real bulletin\n");
    Ingestion.Result result = Ingestion.run(spark,
        Ingestion.Config.of(dir.resolve("wh").toString(), dir.resolve("in/synthetic.csv").toString()));
    assertTrue(result.synthetic());
    assertEquals(1, result.observations());
    assertEquals(1, result.quarantined());
    Row q = Warehouse.open(spark, dir.resolve("wh").toString()).read(Tables.QUARANTINE).first();
    assertEquals("mixed_provenance", q.getAs("reason_code"));
    assertEquals(3, (int) q.<Integer>getAs("source_line"));
    assertTrue(q.<String>getAs("reason").contains("a real figure (document 'a real bulletin')"), q.toString());

    write("real.csv", "94,2022,export_value,value,1500,001_9fa879952f808635.txt\n"
        + "95,2022,export_value,value,10,Synthetic: made up\n");
    Ingestion.Result real = Ingestion.run(spark,
        Ingestion.Config.of(dir.resolve("wh2").toString(), dir.resolve("in/real.csv").toString()));
    assertFalse(real.synthetic());
    assertEquals(1, real.observations());
    assertEquals(1, real.quarantined());
  }

  @Test
  void thePipelineSendsEachKindToItsOwnWarehouse() throws Exception {
    realFile();
    syntheticFile();
    Path real = dir.resolve("wh/reports");
    Path synthetic = dir.resolve("wh/synthetic");
    PipelineJob.Config config = new PipelineJob.Config(
        Ingestion.Config.of(real.toString(), dir.resolve("in").toString()),
        AnalyzeJob.Config.of(real.toString()), synthetic.toString());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = PipelineJob.run(spark, config, new PrintWriter(out), new PrintWriter(err));
    assertEquals(ExitCodes.OK, code, err.toString());
    assertTrue(out.toString().contains("1 file(s) of real figures into"), out.toString());
    assertTrue(out.toString().contains("1 file(s) of synthetic figures into"), out.toString());
    assertTrue(out.toString().contains("provstat pipeline: 2 warehouse(s)"), out.toString());

    List<Row> realRows = Warehouse.open(spark, real.toString()).read(Tables.OBSERVATIONS).collectAsList();
    assertEquals(1, realRows.size());
    assertEquals(1500.0, realRows.get(0).<Double>getAs("value"));
    List<Row> syntheticRows = Warehouse.open(spark, synthetic.toString()).read(Tables.OBSERVATIONS)
        .collectAsList();
    assertEquals(2, syntheticRows.size());
    assertTrue(syntheticRows.stream().allMatch(r -> r.<String>getAs("document").startsWith("synthetic")));
    // Each warehouse is analyzed on its own: the synthetic ranking never sees the real figure.
    assertEquals(0, Warehouse.open(spark, synthetic.toString()).read(Tables.OBSERVATIONS)
        .where("value = 1500").count());
    assertTrue(Files.isDirectory(synthetic.resolve("rankings")));
    assertTrue(Files.isDirectory(real.resolve("rankings")));
  }
}
