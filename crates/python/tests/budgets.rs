//! Programs that would run forever, fill the memory or recurse without end stop quickly with an
//! error that names their line, instead of hanging the browser tab (the interpreter's step
//! budget, its size limit and its call-depth limit).

use std::time::{Duration, Instant};

use eddy_python::{ProgramError, RunOutput};

/// Far above what these take (0.4 s to 3 s in a debug build on one core, a tenth of that in a
/// release build), far below what the budget cost before it was sized for the browser (100M
/// steps: 35 s to several minutes).
const QUICK: Duration = Duration::from_secs(10);

/// Runs `src` on a thread with the stack of a program's main thread (8 MiB: the CLI's; the
/// test harness gives its threads 2 MiB), timing it.
fn run(src: &'static str) -> (RunOutput, Duration) {
    std::thread::Builder::new()
        .stack_size(16 << 20)
        .spawn(move || {
            let start = Instant::now();
            let out = eddy_python::run("budget.py", src, 0, Box::new(|_| None));
            (out, start.elapsed())
        })
        .expect("a thread")
        .join()
        .expect("no panic")
}

fn error(out: &RunOutput) -> &ProgramError {
    out.error.as_ref().expect("the program stops with an error")
}

#[test]
fn while_true_pass_runs_out_of_steps_at_its_line() {
    let (out, took) = run("x = 1\nwhile True:\n    pass\n");
    let e = error(&out);
    assert_eq!(e.line, 2, "{e}");
    assert!(
        e.message.starts_with("RuntimeError: step budget exhausted"),
        "{e}"
    );
    assert!(out.stderr.contains("line 2, in <module>"), "{}", out.stderr);
    eprintln!("took {took:?}");
    assert!(took < QUICK, "took {took:?}");
}

#[test]
fn loop_over_a_huge_range_runs_out_of_steps_without_materialising_it() {
    let (out, took) = run("print('start')\nfor i in range(10**12):\n    pass\n");
    assert_eq!(out.stdout, "start\n");
    let e = error(&out);
    assert_eq!(e.line, 2, "{e}");
    assert!(
        e.message.starts_with("RuntimeError: step budget exhausted"),
        "{e}"
    );
    eprintln!("took {took:?}");
    assert!(took < QUICK, "took {took:?}");
}

#[test]
fn endless_loop_inside_a_function_names_the_call_and_the_loop() {
    let (out, took) = run("def spin(n):\n    while n > 0:\n        n += 1\n\nspin(1)\n");
    let e = error(&out);
    assert_eq!(e.line, 5, "{e}");
    assert!(out.stderr.contains("line 2, in spin"), "{}", out.stderr);
    eprintln!("took {took:?}");
    assert!(took < QUICK, "took {took:?}");
}

#[test]
fn list_of_a_huge_range_is_a_memory_error_at_once() {
    let (out, took) = run("xs = [1]\nys = list(range(10**12))\n");
    let e = error(&out);
    assert_eq!(e.line, 2, "{e}");
    assert!(e.message.starts_with("MemoryError: "), "{e}");
    assert!(took < Duration::from_millis(500), "took {took:?}");
}

#[test]
fn runaway_recursion_is_a_recursion_error() {
    let (out, took) = run("def f():\n    return f()\n\nf()\n");
    let e = error(&out);
    assert_eq!(e.line, 4, "{e}");
    assert!(
        e.message
            .starts_with("RecursionError: maximum recursion depth exceeded"),
        "{e}"
    );
    assert!(out.stderr.contains("line 2, in f"), "{}", out.stderr);
    eprintln!("took {took:?}");
    assert!(took < QUICK, "took {took:?}");
}

#[test]
fn budget_errors_cannot_be_caught() {
    let (out, took) =
        run("try:\n    while True:\n        pass\nexcept Exception:\n    print('caught')\n");
    assert_eq!(out.stdout, "");
    assert!(error(&out).message.starts_with("RuntimeError: step budget"));
    eprintln!("took {took:?}");
    assert!(took < QUICK, "took {took:?}");
}

#[test]
fn endless_loop_in_a_function_the_engine_calls_fails_that_batch_at_its_line() {
    let src = r"from pyspark import SparkContext
from pyspark.streaming import StreamingContext
sc = SparkContext(appName='spin')
ssc = StreamingContext(sc, 1)
def spin(x):
    while True:
        x += 1
ssc.queueStream([sc.parallelize([1, 2, 3])]).map(spin).pprint()
ssc.start()
ssc.awaitTermination()
";
    let start = Instant::now();
    let out = std::thread::Builder::new()
        .stack_size(16 << 20)
        .spawn(move || eddy_python::run("spin.py", src, 1, Box::new(|_| None)))
        .expect("a thread")
        .join()
        .expect("no panic");
    let took = start.elapsed();
    eprintln!("took {took:?}");
    assert_eq!(out.error, None, "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "RuntimeError: step budget exhausted after 5000000 steps (an endless loop?) (line 6)"
        ),
        "{}",
        out.stderr
    );
    assert!(took < QUICK, "took {took:?}");
}
