//! Every DStream operation the palette offers, with PySpark's parameters in PySpark's order,
//! and the common functions for each kind of function parameter.

/// Records a function choice is written for: the unit tests feed each choice a stream of these.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Records {
    /// Lines of text (`"to be or not"`).
    Lines,
    /// Numbers.
    Numbers,
    /// `(key, value)` pairs with number values.
    Pairs,
}

/// A common function, offered in a parameter's list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Choice {
    /// Its PySpark source: a lambda, or a name (`add` comes from `operator`).
    pub source: &'static str,
    /// What it does, in words.
    pub says: &'static str,
    /// The records of the stream it is meant for.
    pub on: Records,
}

const fn choice(source: &'static str, says: &'static str, on: Records) -> Choice {
    Choice { source, says, on }
}

use Records::{Lines, Numbers, Pairs};

/// Functions of one record (`map`).
pub const RECORD: &[Choice] = &[
    choice("lambda x: (x, 1)", "pair each record with 1", Numbers),
    choice("lambda x: x * 2", "double each number", Numbers),
    choice(
        "lambda line: line.split(\" \")",
        "a line's list of words",
        Lines,
    ),
    choice("lambda word: word.lower()", "lower-case a word", Lines),
    choice(
        "lambda line: (len(line), line)",
        "key a line by its length",
        Lines,
    ),
    choice("lambda kv: (kv[1], kv[0])", "swap key and value", Pairs),
    choice("lambda kv: kv[0]", "keep the key", Pairs),
];

/// Functions from a record to several (`flatMap`).
pub const FLAT: &[Choice] = &[
    choice(
        "lambda line: line.split(\" \")",
        "split a line into words",
        Lines,
    ),
    choice(
        "lambda line: line.split(\",\")",
        "split a CSV line into fields",
        Lines,
    ),
    choice("lambda x: [x, x]", "repeat each record", Numbers),
    choice("lambda x: range(x)", "0, 1, …, x - 1", Numbers),
];

/// Predicates (`filter`).
pub const PREDICATE: &[Choice] = &[
    choice("lambda x: x > 0", "positive numbers", Numbers),
    choice("lambda x: x % 2 == 0", "even numbers", Numbers),
    choice("lambda line: len(line) > 0", "non-empty lines", Lines),
    choice("lambda kv: kv[1] > 1", "pairs whose value is over 1", Pairs),
];

/// Functions of a value (`mapValues`).
pub const VALUE: &[Choice] = &[
    choice("lambda v: v * 2", "double the value", Pairs),
    choice("lambda v: (v, 1)", "pair the value with 1", Pairs),
    choice("str", "the value as text", Pairs),
];

/// Functions from a value to several (`flatMapValues`).
pub const FLAT_VALUE: &[Choice] = &[
    choice("lambda v: [v, v]", "repeat the value", Pairs),
    choice("lambda v: range(v)", "0, 1, …, v - 1", Pairs),
];

/// Associative functions of two values (`reduce`, `reduceByKey`, windows).
pub const COMBINE: &[Choice] = &[
    choice("add", "add them (operator.add)", Numbers),
    choice("lambda a, b: a + b", "add them", Numbers),
    choice("max", "the larger", Numbers),
    choice("min", "the smaller", Numbers),
    choice("lambda a, b: a * b", "multiply them", Numbers),
];

/// Inverses of a combining function (windows' incremental path).
pub const INVERSE: &[Choice] = &[
    choice(
        "sub",
        "subtract (operator.sub), the inverse of add",
        Numbers,
    ),
    choice(
        "lambda a, b: a - b",
        "subtract, the inverse of a + b",
        Numbers,
    ),
];

/// Predicates on a window's `(key, value)` (`reduceByKeyAndWindow`'s `filterFunc`).
pub const KEEP_PAIR: &[Choice] = &[
    choice(
        "lambda kv: kv[1] != 0",
        "drop keys whose value fell to 0",
        Pairs,
    ),
    choice(
        "lambda kv: kv[1] > 0",
        "keep keys with a positive value",
        Pairs,
    ),
];

/// Functions of a partition's iterator (`mapPartitions`).
pub const PARTITION: &[Choice] = &[
    choice(
        "lambda part: [sum(part)]",
        "the sum of each partition",
        Numbers,
    ),
    choice(
        "lambda part: [len(list(part))]",
        "the size of each partition",
        Numbers,
    ),
    choice(
        "lambda part: sorted(part)",
        "sort within each partition",
        Numbers,
    ),
];

/// Functions of a partition's index and iterator (`mapPartitionsWithIndex`).
pub const INDEXED_PARTITION: &[Choice] = &[
    choice(
        "lambda i, part: [(i, x) for x in part]",
        "tag records with their partition",
        Numbers,
    ),
    choice(
        "lambda i, part: [(i, len(list(part)))]",
        "each partition's size",
        Numbers,
    ),
];

/// Functions of an RDD (`transform`).
pub const RDD: &[Choice] = &[
    choice(
        "lambda rdd: rdd.distinct()",
        "drop duplicate records",
        Numbers,
    ),
    choice(
        "lambda rdd: rdd.sortBy(lambda x: x)",
        "sort the batch",
        Numbers,
    ),
    choice(
        "lambda rdd: rdd.sortByKey()",
        "sort the batch by key",
        Pairs,
    ),
    choice(
        "lambda rdd: rdd.sortBy(lambda kv: kv[1], ascending=False)",
        "sort by value, largest first",
        Pairs,
    ),
];

/// Functions of two RDDs (`transformWith`).
pub const TWO_RDDS: &[Choice] = &[
    choice("lambda a, b: a.union(b)", "both batches' records", Numbers),
    choice(
        "lambda a, b: a.subtract(b)",
        "records of the first not in the second",
        Numbers,
    ),
    choice(
        "lambda a, b: a.join(b)",
        "join the two batches by key",
        Pairs,
    ),
];

/// State updates (`updateStateByKey`): new values and the old state to the new state.
pub const UPDATE: &[Choice] = &[
    choice(
        "lambda values, total: sum(values) + (total or 0)",
        "running total per key",
        Pairs,
    ),
    choice(
        "lambda values, count: len(values) + (count or 0)",
        "running count of records per key",
        Pairs,
    ),
    choice(
        "lambda values, last: values[-1] if values else last",
        "latest value per key",
        Pairs,
    ),
];

/// `combineByKey`'s first value of a key to its combiner.
pub const CREATE: &[Choice] = &[
    choice("lambda v: (v, 1)", "(sum, count) of the first value", Pairs),
    choice("lambda v: [v]", "a list of the first value", Pairs),
];

/// `combineByKey`'s combiner and a further value.
pub const MERGE_VALUE: &[Choice] = &[
    choice(
        "lambda acc, v: (acc[0] + v, acc[1] + 1)",
        "add to (sum, count)",
        Pairs,
    ),
    choice("lambda acc, v: acc + [v]", "append to the list", Pairs),
];

/// `combineByKey`'s two combiners to one.
pub const MERGE_COMBINERS: &[Choice] = &[
    choice(
        "lambda a, b: (a[0] + b[0], a[1] + b[1])",
        "add two (sum, count)s",
        Pairs,
    ),
    choice("lambda a, b: a + b", "concatenate the lists", Pairs),
];

/// Functions run on the driver for each batch (`foreachRDD`).
pub const FOREACH: &[Choice] = &[
    choice(
        "lambda rdd: print(rdd.count())",
        "print the batch's size",
        Numbers,
    ),
    choice(
        "lambda rdd: print(sorted(rdd.collect()))",
        "print the batch, sorted",
        Numbers,
    ),
];

/// Partitioners (`partitionBy`).
pub const PARTITIONER: &[Choice] = &[choice("lambda key: 0", "every key in partition 0", Pairs)];

/// What a parameter is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A function: one of `choices`, or a lambda the user writes.
    Func(&'static [Choice]),
    /// Another stream of the program.
    Stream,
    /// A duration, as a number of the input stream's slides (batches, for a stream that is
    /// not windowed).
    Slides,
    /// A whole number.
    Int,
    /// A string.
    Text,
}

/// One parameter of an operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Param {
    /// PySpark's name for it (`windowDuration`).
    pub name: &'static str,
    /// What the palette calls it.
    pub label: &'static str,
    /// What it is.
    pub kind: Kind,
    /// Its value when the palette opens (`""`: left out).
    pub default: &'static str,
    /// Whether it may be left out.
    pub optional: bool,
    /// Written as `name=value` (PySpark's optional parameters after the positional ones).
    pub keyword: bool,
}

const fn func(name: &'static str, label: &'static str, choices: &'static [Choice]) -> Param {
    Param {
        name,
        label,
        kind: Kind::Func(choices),
        default: choices[0].source,
        optional: false,
        keyword: false,
    }
}

const fn optional(p: Param, default: &'static str) -> Param {
    Param {
        optional: true,
        default,
        ..p
    }
}

const fn keyword(p: Param) -> Param {
    Param {
        optional: true,
        keyword: true,
        ..p
    }
}

const fn other(label: &'static str) -> Param {
    Param {
        name: "other",
        label,
        kind: Kind::Stream,
        default: "",
        optional: false,
        keyword: false,
    }
}

const fn slides(name: &'static str, label: &'static str, default: &'static str) -> Param {
    Param {
        name,
        label,
        kind: Kind::Slides,
        default,
        optional: false,
        keyword: false,
    }
}

const fn int(name: &'static str, label: &'static str, default: &'static str) -> Param {
    Param {
        name,
        label,
        kind: Kind::Int,
        default,
        optional: false,
        keyword: false,
    }
}

const fn text(name: &'static str, label: &'static str, default: &'static str) -> Param {
    Param {
        name,
        label,
        kind: Kind::Text,
        default,
        optional: false,
        keyword: false,
    }
}

const PARTITIONS: Param = keyword(int("numPartitions", "partitions (optional)", ""));
const WINDOW: Param = slides("windowDuration", "window length, in batches", "3");
const SLIDE: Param = slides("slideDuration", "slide, in batches", "1");

/// Groups of operations, as the palette lists them.
pub const GROUPS: &[&str] = &[
    "Record by record",
    "Per batch",
    "By key",
    "Two streams",
    "Windows",
    "State",
    "Output",
];

/// A DStream operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Operation {
    /// PySpark's method name.
    pub name: &'static str,
    /// Index in [`GROUPS`].
    pub group: usize,
    /// What it does, in a sentence a newcomer to Spark can follow.
    pub says: &'static str,
    /// Its parameters in PySpark's order.
    pub params: &'static [Param],
    /// The name the palette suggests for its stream.
    pub stream: &'static str,
    /// An output operation: it makes no stream.
    pub output: bool,
    /// Its records must be `(key, value)` pairs.
    pub keyed: bool,
    /// Real Spark needs `ssc.checkpoint(...)` for it (state, and windows kept incrementally).
    pub checkpoint: bool,
    /// What its stream is printed through: Spark prints grouped values as an iterable's address
    /// (`<pyspark.resultiterable.ResultIterable object at 0x7f…>`), so they are printed sorted.
    pub print_as: Option<&'static str>,
}

const fn op(
    name: &'static str,
    group: usize,
    says: &'static str,
    params: &'static [Param],
    stream: &'static str,
) -> Operation {
    Operation {
        name,
        group,
        says,
        params,
        stream,
        output: false,
        keyed: false,
        checkpoint: false,
        print_as: None,
    }
}

const fn keyed(o: Operation) -> Operation {
    Operation { keyed: true, ..o }
}

const fn checkpointed(o: Operation) -> Operation {
    Operation {
        checkpoint: true,
        ..o
    }
}

const fn printed_as(o: Operation, print_as: &'static str) -> Operation {
    Operation {
        print_as: Some(print_as),
        ..o
    }
}

/// Grouped values, printed as sorted lists.
const SORTED_VALUES: &str = "mapValues(sorted)";

const fn output(o: Operation) -> Operation {
    Operation { output: true, ..o }
}

/// Every operation, in the palette's order.
pub const OPERATIONS: &[Operation] = &[
    op(
        "map",
        0,
        "each record to one new record",
        &[func("f", "function", RECORD)],
        "mapped",
    ),
    op(
        "flatMap",
        0,
        "each record to any number of records",
        &[func("f", "function", FLAT)],
        "flat",
    ),
    op(
        "filter",
        0,
        "keep the records the function is true for",
        &[func("f", "keep if", PREDICATE)],
        "kept",
    ),
    keyed(op(
        "mapValues",
        0,
        "each (key, value) to (key, f(value))",
        &[func("f", "function of the value", VALUE)],
        "values",
    )),
    keyed(op(
        "flatMapValues",
        0,
        "each (key, value) to (key, v) for every v in f(value)",
        &[func("f", "function of the value", FLAT_VALUE)],
        "flat_values",
    )),
    op(
        "mapPartitions",
        1,
        "each partition's records to new records",
        &[func("f", "function of a partition", PARTITION)],
        "per_partition",
    ),
    op(
        "mapPartitionsWithIndex",
        1,
        "like mapPartitions, with the partition's number",
        &[func(
            "f",
            "function of (index, partition)",
            INDEXED_PARTITION,
        )],
        "indexed",
    ),
    op("glom", 1, "each partition as one list", &[], "partitions"),
    op(
        "repartition",
        1,
        "spread the batch over this many partitions",
        &[int("numPartitions", "partitions", "2")],
        "spread",
    ),
    op(
        "reduce",
        1,
        "combine a batch's records into one",
        &[func("f", "combine two records", COMBINE)],
        "reduced",
    ),
    op(
        "count",
        1,
        "the number of records in each batch",
        &[],
        "counted",
    ),
    op(
        "countByValue",
        1,
        "(record, how many times it occurs) in each batch",
        &[],
        "occurrences",
    ),
    op(
        "transform",
        1,
        "any RDD operation on each batch",
        &[func("f", "function of the batch's RDD", RDD)],
        "transformed",
    ),
    keyed(op(
        "reduceByKey",
        2,
        "combine the values of each key in each batch",
        &[func("f", "combine two values", COMBINE), PARTITIONS],
        "totals",
    )),
    printed_as(
        keyed(op(
            "groupByKey",
            2,
            "(key, all its values) in each batch",
            &[PARTITIONS],
            "grouped",
        )),
        SORTED_VALUES,
    ),
    keyed(op(
        "combineByKey",
        2,
        "combine each key's values through a combiner (e.g. sum and count, for an average)",
        &[
            func("createCombiner", "first value to combiner", CREATE),
            func("mergeValue", "add a value", MERGE_VALUE),
            func("mergeCombiners", "merge two combiners", MERGE_COMBINERS),
            PARTITIONS,
        ],
        "combined",
    )),
    keyed(op(
        "partitionBy",
        2,
        "place each key in a partition",
        &[
            int("numPartitions", "partitions", "2"),
            keyword(optional(
                func(
                    "partitionFunc",
                    "partition of a key (optional)",
                    PARTITIONER,
                ),
                "",
            )),
        ],
        "placed",
    )),
    op(
        "union",
        3,
        "the records of both streams",
        &[other("other stream")],
        "both",
    ),
    keyed(op(
        "join",
        3,
        "(key, (v, w)) for the keys in both streams",
        &[other("other stream"), PARTITIONS],
        "joined",
    )),
    keyed(op(
        "leftOuterJoin",
        3,
        "join keeping every key of this stream (w is None when missing)",
        &[other("other stream"), PARTITIONS],
        "left_joined",
    )),
    keyed(op(
        "rightOuterJoin",
        3,
        "join keeping every key of the other stream",
        &[other("other stream"), PARTITIONS],
        "right_joined",
    )),
    keyed(op(
        "fullOuterJoin",
        3,
        "join keeping the keys of either stream",
        &[other("other stream"), PARTITIONS],
        "full_joined",
    )),
    printed_as(
        keyed(op(
            "cogroup",
            3,
            "(key, (values here, values there)) for every key",
            &[other("other stream"), PARTITIONS],
            "cogrouped",
        )),
        "mapValues(lambda vs: (sorted(vs[0]), sorted(vs[1])))",
    ),
    op(
        "transformWith",
        3,
        "any RDD operation on the two streams' batches",
        &[
            func("f", "function of the two RDDs", TWO_RDDS),
            other("other stream"),
        ],
        "combined",
    ),
    op(
        "window",
        4,
        "the records of the last few batches, every slide",
        &[WINDOW, SLIDE],
        "windowed",
    ),
    checkpointed(op(
        "countByWindow",
        4,
        "the number of records in each window",
        &[WINDOW, SLIDE],
        "window_counts",
    )),
    op(
        "reduceByWindow",
        4,
        "combine a window's records into one",
        &[
            func("reduceFunc", "combine two records", COMBINE),
            optional(
                func(
                    "invReduceFunc",
                    "inverse (optional: faster, needs a checkpoint)",
                    INVERSE,
                ),
                "",
            ),
            WINDOW,
            SLIDE,
        ],
        "window_total",
    ),
    keyed(op(
        "reduceByKeyAndWindow",
        4,
        "combine each key's values over a window",
        &[
            func("func", "combine two values", COMBINE),
            optional(
                func(
                    "invFunc",
                    "inverse (optional: faster, needs a checkpoint)",
                    INVERSE,
                ),
                "",
            ),
            WINDOW,
            SLIDE,
            PARTITIONS,
            keyword(optional(
                func(
                    "filterFunc",
                    "keep keys (optional, with an inverse)",
                    KEEP_PAIR,
                ),
                "",
            )),
        ],
        "window_totals",
    )),
    checkpointed(op(
        "countByValueAndWindow",
        4,
        "(record, occurrences) in each window",
        &[WINDOW, SLIDE, PARTITIONS],
        "window_occurrences",
    )),
    printed_as(
        checkpointed(keyed(op(
            "groupByKeyAndWindow",
            4,
            "(key, all its values) in each window",
            &[WINDOW, SLIDE, PARTITIONS],
            "window_groups",
        ))),
        SORTED_VALUES,
    ),
    checkpointed(keyed(op(
        "updateStateByKey",
        5,
        "a state per key, updated every batch from the key's new values",
        &[
            func(
                "updateFunc",
                "new values and old state to new state",
                UPDATE,
            ),
            PARTITIONS,
        ],
        "state",
    ))),
    output(op(
        "pprint",
        6,
        "print the first records of each batch",
        &[int("num", "records to print", "10")],
        "",
    )),
    output(op(
        "saveAsTextFiles",
        6,
        "write each batch as text files prefix-TIME.suffix",
        &[
            text("prefix", "file name prefix", "out/batch"),
            keyword(optional(text("suffix", "suffix (optional)", ""), "")),
        ],
        "",
    )),
    output(op(
        "foreachRDD",
        6,
        "run a function on the driver for each batch",
        &[func("func", "function of the batch's RDD", FOREACH)],
        "",
    )),
];

/// The operation named `name`.
pub fn operation(name: &str) -> Option<&'static Operation> {
    OPERATIONS.iter().find(|o| o.name == name)
}

impl Operation {
    /// Whether `param` uses the inverse path (reduce…Window with an inverse function).
    pub fn needs_checkpoint(&self, args: &[String]) -> bool {
        self.checkpoint
            || self
                .params
                .iter()
                .zip(args)
                .any(|(p, a)| p.name.starts_with("inv") && !a.trim().is_empty())
    }
}
