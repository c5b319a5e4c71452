"""Convert DataCite's public data file (or any partitioned JSON Lines dataset) with Spark.

    spark-submit examples/spark/convert_public_data_file.py \
        --input DataCite_Public_Data_File/ --to datacite-xml --output out/

Input: a directory (searched recursively) of JSON Lines files, gzip-compressed or not, one REST
API record per line (`{"id", "type": "dois", "attributes": {...}}`, the public data file's
layout), or any other JSON Lines format Crosswalk reads (`--from`: datacite-json, citeproc, ...).

Each Spark partition is converted by Crosswalk's Python binding (`crosswalk`, the
`crosswalk-metadata` wheel, installed on every executor): one streaming reader for each input file
of the partition (gzip files are not split, so a partition holds whole files; a large plain file
may be split, and then its line numbers count from the split), records written one at a time.

Output, under --output:
  records/   the converted records, one part file per partition: JSON Lines for JSON formats
             (one record a line, as `crosswalk convert --to datacite-json` writes them), else
             JSON Lines of {"file", "index", "doi", "text"} (XML documents are several lines).
  failures/  JSON Lines, one row per diagnostic of each record that failed, with its file, its
             line in the file, its 0-based index, its DOI or key, and the diagnostic's code,
             message, line, column and path.
  report.json  read / written / failed in all, per partition and per input file, and the
             diagnostics per code: the counts add up (read = written + failed, and the
             partitions' counts sum to the totals).

Records that fail are never lost: each is a row of the failures, counted in the report.
"""

import argparse
import itertools
import json
import os
import sys

from pyspark.sql import Row, SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import (
    ArrayType,
    BooleanType,
    IntegerType,
    LongType,
    StringType,
    StructField,
    StructType,
)

DIAGNOSTIC = StructType(
    [
        StructField("severity", StringType()),
        StructField("code", StringType()),
        StructField("message", StringType()),
        StructField("line", LongType()),
        StructField("column", LongType()),
        StructField("path", StringType()),
    ]
)

CONVERTED = StructType(
    [
        StructField("partition", IntegerType()),
        StructField("file", StringType()),
        StructField("index", LongType()),
        StructField("line", LongType()),
        StructField("doi", StringType()),
        StructField("key", StringType()),
        StructField("ok", BooleanType()),
        StructField("text", StringType()),
        StructField("diagnostics", ArrayType(DIAGNOSTIC)),
    ]
)

JSON_FORMATS = {"datacite-json", "payload", "schema-org", "codemeta", "citeproc"}


def arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--input", required=True, help="directory (or file, or glob) of JSON Lines (.gz) files")
    parser.add_argument("--output", required=True, help="output directory (must not exist)")
    parser.add_argument("--to", default="datacite-xml", help="output format (crosswalk.formats())")
    parser.add_argument("--from", dest="source", default="datacite-json", help="input format of the lines")
    parser.add_argument("--files", default="*.{jsonl,jsonl.gz,ndjson,ndjson.gz,json,json.gz}",
                        help="file names to read under --input (a Hadoop glob)")
    parser.add_argument("--partitions", type=int, default=0,
                        help="repartition the lines first (0: one partition per file split, as read)")
    parser.add_argument("--report", default=None,
                        help="where the driver writes report.json (default: OUTPUT/report.json; give a local path "
                             "when OUTPUT is not on the driver's file system, e.g. hdfs:// or s3a://)")
    parser.add_argument("--master", default=None, help="Spark master when not given by spark-submit (local[2], ...)")
    return parser.parse_args(argv)


def convert_partition(source, to):
    """The function each partition runs: rows of (value, file) in, converted rows out."""

    def run(partition, rows):
        # Imported on the executor: the wheel is installed there.
        import crosswalk

        for file, group in itertools.groupby(rows, key=lambda row: row.file):
            # One streaming reader for this file's lines; the line ends Spark took are put back.
            lines = (row.value + "\n" for row in group)
            for record in crosswalk.stream(lines, format=source):
                diagnostics = record.diagnostics
                text = None
                if record.ok:
                    written = crosswalk.written(record, to, line=to in JSON_FORMATS)
                    diagnostics = diagnostics + written.diagnostics
                    if not any(d.severity == "error" for d in written.diagnostics):
                        text = written.text
                yield Row(
                    partition=partition,
                    file=file,
                    index=record.index,
                    line=record.line,
                    doi=record.doi,
                    key=record.key,
                    ok=text is not None,
                    text=text,
                    diagnostics=[d.to_dict() for d in diagnostics],
                )

    return run


def main(argv=None):
    args = arguments(sys.argv[1:] if argv is None else argv)
    builder = SparkSession.builder.appName("crosswalk: convert the public data file")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    # One partition per input file at least: Spark would pack small files together, and gzip
    # files cannot be split anyway. A file counts as a whole partition's worth of bytes.
    spark.conf.set("spark.sql.files.openCostInBytes", spark.conf.get("spark.sql.files.maxPartitionBytes"))

    lines = (
        spark.read.option("recursiveFileLookup", "true")
        .option("pathGlobFilter", args.files)
        .text(args.input)
        .select(F.col("value"), F.input_file_name().alias("file"))
    )
    if args.partitions:
        # Keeps each file's lines together and in order within a partition.
        lines = lines.repartition(args.partitions, "file").sortWithinPartitions("file")
    converted = spark.createDataFrame(
        lines.rdd.mapPartitionsWithIndex(convert_partition(args.source, args.to)), CONVERTED
    ).persist()

    written = converted.where("ok")
    if args.to in JSON_FORMATS:
        written.select("text").write.text(os.path.join(args.output, "records"))
    else:
        written.select("file", "index", "doi", "text").write.json(os.path.join(args.output, "records"))

    failures = (
        converted.where("not ok")
        .select("partition", "file", "index", F.col("line").alias("record_line"), "doi", "key",
                F.explode_outer("diagnostics").alias("d"))
        .select("partition", "file", "index", "record_line", "doi", "key", "d.severity", "d.code", "d.message",
                "d.line", "d.column", "d.path")
    )
    failures.write.json(os.path.join(args.output, "failures"))

    def counts(*keys):
        rows = converted.groupBy(*keys).agg(
            F.count("*").alias("read"),
            F.sum(F.col("ok").cast("long")).alias("written"),
            F.sum((~F.col("ok")).cast("long")).alias("failed"),
        )
        return [row.asDict() for row in rows.orderBy(*keys).collect()] if keys else rows.collect()[0].asDict()

    codes = (
        converted.select(F.explode("diagnostics").alias("d")).groupBy("d.code").count().orderBy("code").collect()
    )
    total = counts()
    report = {
        "read": total["read"],
        "written": total["written"] or 0,
        "failed": total["failed"] or 0,
        "to": args.to,
        "from": args.source,
        "partitions": counts("partition"),
        "files": counts("file"),
        "codes": {row["code"]: row["count"] for row in codes},
    }
    # The counts add up, or the report says so loudly.
    assert report["read"] == report["written"] + report["failed"], report
    for part in ("partitions", "files"):
        assert sum(p["read"] for p in report[part]) == report["read"], part
    with open(args.report or os.path.join(args.output, "report.json"), "w") as out:
        json.dump(report, out, indent=2)
    converted.unpersist()
    spark.stop()
    print(
        f"crosswalk: {report['read']} read = {report['written']} written + {report['failed']} failed, "
        f"{len(report['partitions'])} partitions"
    )


if __name__ == "__main__":
    main()
