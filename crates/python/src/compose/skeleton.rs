//! New pipelines: a whole program from a source of records, ready for the palette to add
//! operations to. Each is plain PySpark, so it runs on a real cluster too.

use std::fmt::Write;

/// Where a new pipeline's records come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// A `queueStream` of batches written in the program (editable in the Inputs panel).
    Queue,
    /// `textFileStream("input")`: the files dropped on the page, one per batch.
    Files,
    /// The bundled UCI SML2010 sensor readings, a fixed number per batch.
    Sml2010,
    /// Order lines in Spark in Action's format from a seeded random generator.
    Orders {
        /// Orders per batch.
        rate: u32,
        /// The generator's seed: the same seed gives the same orders.
        seed: u32,
    },
}

impl Source {
    /// The name of the stream the program makes.
    pub fn stream(&self) -> &'static str {
        match self {
            Source::Queue | Source::Sml2010 => "stream",
            Source::Files => "lines",
            Source::Orders { .. } => "orders",
        }
    }
}

/// The program for a new pipeline from `source`, running `batches` batches of one second.
pub fn skeleton(source: Source, batches: u32) -> String {
    let batches = batches.clamp(1, 1000);
    let (about, imports, body) = match source {
        Source::Queue => (
            "A queue of batches: each list is one batch of records (edit them in the Inputs \
             panel, or here).",
            "",
            queue(batches),
        ),
        Source::Files => (
            "Files you drop in the Inputs panel become batches of ssc.textFileStream(\"input\"): \
             one file per batch, in the order given.",
            "",
            "lines = ssc.textFileStream(\"input\")\nlines.pprint()\n".to_string(),
        ),
        Source::Sml2010 => (
            "UCI SML2010 (CC BY 4.0): a house's sensors every 15 minutes, 24 readings (6 hours) \
             per batch.",
            "",
            SML2010.to_string(),
        ),
        Source::Orders { rate, seed } => (
            "Spark in Action's order lines, `rate` per batch, from a random generator seeded \
             with `seed`: every run sees the same orders.",
            "import random\n",
            orders(rate, seed, batches),
        ),
    };
    let mut out = String::new();
    writeln!(out, "# batches: {batches}").ok();
    writeln!(out, "# {about}").ok();
    out.push_str(imports);
    out.push_str(
        "from time import sleep\n\nfrom pyspark import SparkContext\n\
         from pyspark.streaming import StreamingContext\n\n\
         sc = SparkContext(appName=\"Eddy\")\nssc = StreamingContext(sc, 1)\n\n",
    );
    out.push_str(&body);
    write!(
        out,
        "\nssc.start()\nsleep({batches})\nssc.stop(stopSparkContext=True, stopGraceFully=True)\n"
    )
    .ok();
    out
}

/// Words, a few per batch, one batch empty.
const WORDS: &[&str] = &[
    r#"["apple", "banana", "apple"]"#,
    r#"["cherry", "banana"]"#,
    "[]",
    r#"["apple", "cherry", "cherry", "apple"]"#,
    r#"["banana"]"#,
];

fn queue(batches: u32) -> String {
    let mut out = String::from("batches = [\n");
    for i in 0..batches as usize {
        writeln!(out, "    {},", WORDS[i % WORDS.len()]).ok();
    }
    out.push_str(
        "]\nstream = ssc.queueStream([sc.parallelize(b) for b in batches])\nstream.pprint()\n",
    );
    out
}

const SML2010: &str = r##"def reading(line):
    f = line.split()
    # date, time, dining-room temperature (C), outdoor temperature (C), outdoor humidity (%)
    return (f[0], f[1], float(f[2]), float(f[21]), float(f[22]))


with open("data/sml2010/NEW-DATA-1.T15.txt") as f:
    readings = [reading(line) for line in f if not line.startswith("#")]

per_batch = 24
batches = [readings[i:i + per_batch] for i in range(0, len(readings), per_batch)]
stream = ssc.queueStream([sc.parallelize(b) for b in batches])
stream.pprint(3)
"##;

fn orders(rate: u32, seed: u32, batches: u32) -> String {
    format!(
        r#"rate = {rate}  # orders per batch
seed = {seed}
symbols = ["AAPL", "AMZN", "EPE", "GOOG", "MSFT", "NFLX", "TSLA", "VALE"]
rng = random.Random(seed)


def order(batch, i):
    # time, order id, client id, symbol, shares, price, B (buy) or S (sell)
    return "2016-03-22 20:25:%02d,%d,%d,%s,%d,%.2f,%s" % (
        (28 + batch) % 60, batch * rate + i + 1, rng.randint(1, 100), rng.choice(symbols),
        rng.randint(1, 1000), rng.randint(100, 10000) / 100, rng.choice(["B", "S"]))


batches = [[order(b, i) for i in range(rate)] for b in range({batches})]
orders = ssc.queueStream([sc.parallelize(b) for b in batches])
orders.pprint(5)
"#
    )
}
