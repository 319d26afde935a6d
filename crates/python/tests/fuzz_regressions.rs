//! What fuzzing the parser and the interpreter found (fuzz/README.md), and the neighbouring
//! inputs found while fixing it: each used to kill the process (a stack overflow or a panic)
//! and is now a Python error at its line, or runs as CPython runs it.

use eddy_python::interp::Interp;
use eddy_python::RunOutput;

/// Runs `src` for 3 batches on a thread with a large stack: a debug build takes tens of KB of
/// native stack per level of nesting that is allowed, and these tests go near the limits.
fn run(src: &str) -> RunOutput {
    let src = src.to_string();
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || eddy_python::run("fuzz.py", &src, 3, Box::new(|_| None)))
        .expect("a thread")
        .join()
        .expect("no panic")
}

fn error(out: &RunOutput) -> (u32, u32, &str) {
    let e = out.error.as_ref().expect("the program stops with an error");
    (e.line, e.column, e.message.as_str())
}

const TOO_DEEP: &str =
    "SyntaxError: expression nested too deeply (Eddy allows 200 levels of brackets and operators)";

// Nesting deeper than the interpreter can walk: every one of these overflowed the stack (at
// about 700 levels with a 1 MB stack, in a release build) or, deeper still, in `Drop` of
// Ruff's AST.

#[test]
fn deep_unary_operators_are_a_syntax_error_where_they_get_too_deep() {
    let out = run(&format!("x = 1\ny = {}1\n", "-".repeat(100_000)));
    assert_eq!(error(&out), (2, 205, TOO_DEEP));
    assert!(
        out.stderr.ends_with(&format!("{TOO_DEEP}\n")),
        "{}",
        out.stderr
    );
    assert_eq!(out.stdout, "");
}

#[test]
fn long_operator_chains_are_a_syntax_error() {
    let out = run(&format!("x = 1{}\n", " + 1".repeat(5_000)));
    assert_eq!(error(&out).2, TOO_DEEP);
    let out = run(&format!("print({}'!')\n", "not ".repeat(1_000)));
    assert_eq!(error(&out).2, TOO_DEEP);
    let out = run(&format!("f = {}1\n", "lambda: ".repeat(1_000)));
    assert_eq!(error(&out).2, TOO_DEEP);
    let out = run(&format!("x = {}1\n", "1 if 0 else ".repeat(1_000)));
    assert_eq!(error(&out).2, TOO_DEEP);
    let out = run(&format!("x = 1{}\n", ".real".repeat(1_000)));
    assert_eq!(error(&out).2, TOO_DEEP);
    let out = run(&format!(
        "def f():\n    return f\nf{}\n",
        "()".repeat(1_000)
    ));
    assert_eq!(error(&out).2, TOO_DEEP);
}

#[test]
fn deep_brackets_are_cpythons_syntax_error() {
    let out = run(&format!(
        "print({}1{})\n",
        "[".repeat(1_000),
        "]".repeat(1_000)
    ));
    assert_eq!(
        error(&out),
        (1, 206, "SyntaxError: too many nested parentheses")
    );
    // Unclosed: the parser never sees them either.
    let out = run(&"(".repeat(100_000));
    assert_eq!(
        error(&out),
        (1, 201, "SyntaxError: too many nested parentheses")
    );
}

#[test]
fn deep_f_strings_are_a_syntax_error() {
    let src = format!("x = {}1{}\n", "f\"{".repeat(500), "}\"".repeat(500));
    assert_eq!(
        error(&run(&src)).2,
        "SyntaxError: too many nested f-strings"
    );
}

#[test]
fn more_than_100_levels_of_indentation_is_cpythons_indentation_error() {
    let mut src = String::new();
    for i in 0..150 {
        src += &format!("{}if True:\n", " ".repeat(i));
    }
    src += &format!("{}print(1)\n", " ".repeat(150));
    assert_eq!(
        error(&run(&src)),
        (101, 101, "IndentationError: too many levels of indentation")
    );
}

#[test]
fn nesting_within_the_limits_runs() {
    let mut src = format!("print({}1)\n", "-".repeat(150));
    src += &format!("print({}1{})\n", "[".repeat(150), "]".repeat(150));
    src += &format!("print(1{})\n", " + 1".repeat(150));
    src += &format!("print({}'x'{})\n", "f'{".repeat(3), "}'".repeat(3));
    for i in 0..90 {
        src += &format!("{}if True:\n", " ".repeat(i));
    }
    src += &format!("{}print('deep')\n", " ".repeat(90));
    let out = run(&src);
    assert_eq!(out.error, None, "{}", out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines[0], "1");
    assert_eq!(lines[1], format!("{}1{}", "[".repeat(150), "]".repeat(150)));
    assert_eq!(lines[2..], ["151", "x", "deep"]);
}

#[test]
fn strings_and_comments_do_not_count_as_nesting() {
    let src = format!(
        "s = '{0}'\nt = \"\"\"{0}\n{0}\"\"\"\nu = f\"{{len('{0}')}} {{{{{0}\"\n# {0}\nprint(len(s), len(t), u[:5])\n",
        "((((-".repeat(100)
    );
    let out = run(&src);
    assert_eq!(out.error, None, "{}", out.stderr);
    assert_eq!(out.stdout, "500 1001 500 {\n");
}

#[test]
fn every_shipped_program_passes_the_nesting_check() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let mut seen = 0;
    for dir in ["tests/conformance", "static/presets"] {
        for entry in std::fs::read_dir(format!("{root}/{dir}")).expect("the directory") {
            let path = entry.expect("an entry").path();
            if path.extension().is_some_and(|e| e == "py") {
                let text = std::fs::read_to_string(&path).expect("the program");
                assert_eq!(eddy_python::nesting::check(&text), Ok(()), "{path:?}");
                seen += 1;
            }
        }
    }
    assert!(seen > 50, "{seen} programs");
}

#[test]
fn a_deep_lambda_from_the_operator_picker_is_a_syntax_error() {
    let source = format!("lambda x: {}x", "-".repeat(10_000));
    let e = std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(move || {
            Interp::compile_function(&source)
                .err()
                .map(|e| e.to_string())
        })
        .expect("a thread")
        .join()
        .expect("no panic")
        .expect("an error");
    assert!(
        e.starts_with("SyntaxError: expression nested too deeply"),
        "{e}"
    );
}

// Containers inside themselves, and containers nested deeper than the native stack: `repr`,
// `==`, `<` and the conversion to records recursed without end.

#[test]
fn a_list_inside_itself_prints_as_cpython_prints_it() {
    let out = run("x = [1]\nx.append(x)\nprint(x)\nd = {}\nd['me'] = d\nprint(d, [d])\n");
    assert_eq!(out.error, None, "{}", out.stderr);
    assert_eq!(out.stdout, "[1, [...]]\n{'me': {...}} [{'me': {...}}]\n");
}

#[test]
fn comparing_lists_inside_themselves_ends() {
    let out = run(
        "x = [1]\nx.append(x)\ny = [1]\ny.append(y)\nprint(x == x, x == y)\nprint(sorted([x, x]))\n",
    );
    assert_eq!(out.error, None, "{}", out.stderr);
    // CPython raises RecursionError for `x == y`.
    assert_eq!(out.stdout, "True False\n[[1, [...]], [1, [...]]]\n");
}

#[test]
fn deeply_nested_lists_print_and_compare() {
    let out = run(
        "x = []\ny = []\nfor i in range(100000):\n    x = [x]\n    y = [y]\n\
         s = str(x)\nprint(len(s), s[:3], s[500:505])\nprint(x == y)\n",
    );
    assert_eq!(out.error, None, "{}", out.stderr);
    assert_eq!(out.stdout, "1005 [[[ [...]\nFalse\n");
}

#[test]
fn a_record_inside_itself_fails_its_job_not_the_program() {
    let out = run("from pyspark import SparkContext
from pyspark.streaming import StreamingContext
sc = SparkContext(appName='x')
ssc = StreamingContext(sc, 1)
x = [1]
x.append(x)
ssc.queueStream([sc.parallelize([1, 2])]).map(lambda r: x).pprint()
ssc.start()
ssc.awaitTermination()
");
    assert_eq!(out.error, None, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("RecursionError: maximum recursion depth exceeded"),
        "{}",
        out.stderr
    );
}

#[test]
fn hashing_a_deeply_nested_tuple_is_a_recursion_error() {
    let out = run("t = ()\nfor i in range(100000):\n    t = (t,)\ns = {t}\n");
    assert_eq!(
        error(&out),
        (
            4,
            1,
            "RecursionError: maximum recursion depth exceeded (Eddy allows 500 nested containers)"
        )
    );
}

// Found by `cargo fuzz run program` (from seed_f_kmeans.py, `[1.0, -1.0]` mutated into
// `[1.0- 1.0]`): the engine indexed past the end of a ragged centre matrix and panicked.

#[test]
fn ragged_kmeans_centers_are_a_value_error() {
    let src = "from pyspark import SparkContext
from pyspark.streaming import StreamingContext
from pyspark.mllib.clustering import StreamingKMeans
sc = SparkContext(appName='k')
ssc = StreamingContext(sc, 1)
train = ssc.queueStream([sc.parallelize([[0.3, -4.7], [5.7, 5.4]])])
model = StreamingKMeans(k=3, decayFactor=1.0)
model.setInitialCenters([[0.0, 0.0], [1.0- 1.0], [-1.0, 1.0]], [1.0, 1.0, 1.0])
model.trainOn(train)
ssc.start()
ssc.awaitTermination()
print(model.latestModel().centers)
";
    assert_eq!(
        error(&run(src)),
        (
            8,
            1,
            "ValueError: setInitialCenters: the centers must all have the same dimension"
        )
    );
    let fewer_weights = src
        .replace("[1.0- 1.0]", "[1.0, -1.0]")
        .replace("[1.0, 1.0, 1.0])", "[1.0])");
    assert_eq!(
        error(&run(&fewer_weights)),
        (
            8,
            1,
            "ValueError: setInitialCenters: 3 centers but 1 weights"
        )
    );
}

// Found by `cargo fuzz run lambda`: `lambda kv: "%4444446444ss=%" % kv` built a 4 GB string
// (a timeout, then out of memory). Widths and precisions now stop at Eddy's size limit, and
// those that do not fit a machine word are CPython's errors.

#[test]
fn a_huge_format_width_is_a_memory_error() {
    for expr in [
        "'%4444446444ss=%' % 1",
        "format(1, '4444446444')",
        "f'{1:4444446444}'",
        "'x'.zfill(10**12)",
        "'x'.center(10**12)",
        "'%.2147483647f' % 1.5",
    ] {
        let out = run(&format!("print('a')\ns = {expr}\n"));
        assert_eq!(out.stdout, "a\n", "{expr}");
        let (line, _, message) = error(&out);
        assert_eq!(line, 2, "{expr}");
        assert!(message.starts_with("MemoryError: "), "{expr}: {message}");
    }
}

#[test]
fn widths_and_precisions_too_big_for_cpython_are_its_errors() {
    let out = run(
        "for spec in ['.4444444444f', '99999999999999999999', '.99999999999999999999']:
    try:
        format(1.5, spec)
    except ValueError as e:
        print(e)
print('%5.2f|%-6s|%.1e' % (3.14159, 'ab', 12345.0))
",
    );
    assert_eq!(out.error, None, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "precision too big\nToo many decimal digits in format string\n\
         Too many decimal digits in format string\n 3.14|ab    |1.2e+04\n"
    );
}

#[test]
fn the_fuzzed_lambda_fails_its_call_quickly() {
    let (interp, f) =
        Interp::compile_function("lambda kv: \"%4444446444ss=%\" % kv").expect("a function");
    let e = interp
        .call(&f, vec![eddy_python::obj::Obj::Int(1)], Vec::new())
        .expect_err("a MemoryError");
    assert!(e.to_string().starts_with("MemoryError: "), "{e}");
}

// Found by `cargo fuzz run program` (from dstream_slice.py, the year 1970 mutated into
// 9970): `DStream.slice` walked every second up to the year 9970, out of memory. And, found
// while fixing it, a window of 10**12 seconds walked every second before zero, each batch.

#[test]
fn slicing_up_to_the_far_future_reads_what_there_is() {
    let out = run("from datetime import datetime
from time import sleep
from pyspark import SparkContext
from pyspark.streaming import StreamingContext
sc = SparkContext(appName='Slice')
ssc = StreamingContext(sc, 1)
ssc.remember(10)
stream = ssc.queueStream([sc.parallelize(b) for b in [['a'], ['b', 'c'], []]])
stream.foreachRDD(lambda rdd: None)
ssc.start()
sleep(3)
far = [r.collect() for r in stream.slice(datetime(1, 1, 1), datetime(9970, 1, 1))]
print(far, [r.collect() for r in stream.slice(-1e300, 1e300)])
ssc.stop()
");
    assert_eq!(out.error, None, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "[['a'], ['b', 'c'], []] [['a'], ['b', 'c'], []]\n"
    );
}

#[test]
fn a_window_of_ten_to_the_twelve_seconds_is_quick() {
    let start = std::time::Instant::now();
    let out = run("from pyspark import SparkContext
from pyspark.streaming import StreamingContext
sc = SparkContext(appName='w')
ssc = StreamingContext(sc, 1)
s = ssc.queueStream([sc.parallelize([('a', 1)]), sc.parallelize([('a', 2)])])
s.reduceByKeyAndWindow(lambda a, b: a + b, None, 10**12, 1).pprint()
s.countByWindow(10**12, 1).pprint()
ssc.checkpoint('cp')
ssc.start()
ssc.awaitTermination()
");
    assert_eq!(out.error, None, "{}", out.stderr);
    assert!(out.stdout.contains("('a', 3)"), "{}", out.stdout);
    assert!(
        start.elapsed() < std::time::Duration::from_secs(10),
        "{:?}",
        start.elapsed()
    );
}

// Found by `cargo fuzz run program` (from foreachrdd_print.py, `print(...)` mutated into
// `int("driver total:", totals["records"])`): `int(s, 0)` panicked in `from_str_radix`, as did
// every base outside 2..=36. Base 0 reads the base from the prefix, as in CPython.

#[test]
fn int_with_any_base_is_cpythons_answer() {
    let cases = [
        (
            "'driver total:', 0",
            "ValueError: invalid literal for int() with base 0: 'driver total:'",
        ),
        ("'0x1f', 0", "31"),
        ("'0x1f', 16", "31"),
        ("'-0b101', 0", "-5"),
        (
            "'010', 0",
            "ValueError: invalid literal for int() with base 0: '010'",
        ),
        ("'000', 0", "0"),
        ("' 42 ', 0", "42"),
        ("'z', 36", "35"),
        (
            "'1', 1",
            "ValueError: int() base must be >= 2 and <= 36, or 0",
        ),
        (
            "'1', 37",
            "ValueError: int() base must be >= 2 and <= 36, or 0",
        ),
        (
            "'1', -5",
            "ValueError: int() base must be >= 2 and <= 36, or 0",
        ),
        (
            "'0x', 16",
            "ValueError: invalid literal for int() with base 16: '0x'",
        ),
        (
            "'0x+1', 16",
            "ValueError: invalid literal for int() with base 16: '0x+1'",
        ),
        ("'1_000', 0", "1000"),
        ("'0o17', 8", "15"),
        ("'12', 8", "10"),
    ];
    let mut src = String::new();
    for (args, _) in cases {
        src += &format!(
            "try:\n    print(repr(int({args})))\nexcept Exception as e:\n    print(type(e).__name__ + ':', e)\n"
        );
    }
    let out = run(&src);
    assert_eq!(out.error, None, "{}", out.stderr);
    let expected: Vec<&str> = cases.iter().map(|(_, e)| *e).collect();
    assert_eq!(out.stdout.lines().collect::<Vec<_>>(), expected);
}

// Found by `cargo fuzz run program`: a list nested 20,000 deep (`x = [x]` in a loop) is within
// the step budget, and dropping it recursed once a level: wasm's 1 MB stack overflowed and the
// worker died. Lists, dicts, scopes (and the tuples they hold) now drop on a work list.

#[test]
fn deeply_nested_containers_drop_on_a_small_stack() {
    let src = "x = []\nd = {}\nt = ()\nfor i in range(50000):\n    x = [x, (i,)]\n    \
               d = {'next': d, 'items': [d]}\n    t = (t, [t])\nprint('built')\n\
               def f():\n    y = []\n    for i in range(50000):\n        y = [y]\n    return 1\n\
               print(f())\n";
    // 2 MB: enough for the interpreter (a debug build), far too little for 50,000 nested drops.
    let out = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || eddy_python::run("deep.py", src, 0, Box::new(|_| None)))
        .expect("a thread")
        .join()
        .expect("no stack overflow");
    assert_eq!(out.error, None, "{}", out.stderr);
    assert_eq!(out.stdout, "built\n1\n");
}
