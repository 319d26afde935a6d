//! What lowers, and behaviour the tree walker does not share. That lowered functions print
//! what CPython prints is checked by every snippet of `tests/python_semantics.rs` and every
//! conformance program, each run both ways.

use super::lower;
use crate::interp::Interp;
use crate::obj::Obj;

fn lowers(lambda: &str) -> bool {
    let (interp, f) = Interp::compile_function(lambda).unwrap();
    let Obj::Func(f) = f else {
        panic!("{lambda} is not a function")
    };
    lower(&f, &interp.source).is_some()
}

fn printed(program: &str) -> (String, String) {
    let out = crate::run("t.py", program, 0, Box::new(|_| None));
    (out.stdout, out.stderr)
}

#[test]
fn common_lambdas_lower() {
    for f in [
        "lambda o: (o['clientId'], o['amount'] * o['price'])",
        "lambda line: [(w, 1) for w in line.split() if w]",
        "lambda kv: f'{kv[0]}: {kv[1]:>5}'",
        "lambda a, b=2, *rest, c, **kw: (a, b, rest, c, kw)",
        "lambda vals, total: sum(vals) + total if total is not None else sum(vals)",
        "lambda x: {k: v for k, v in x.items()} or {1, 2} and x[1:2]",
    ] {
        assert!(lowers(f), "{f} should lower");
    }
}

#[test]
fn what_the_tree_walker_keeps() {
    for f in [
        "lambda x: (lambda y: y)(x)",
        "lambda x: [*x]",
        "lambda x: f(*x)",
        "lambda x: f(**x)",
        "lambda x: (y := x)",
        "lambda x: {**x}",
        "lambda x: 1000000000000000000000000000000 + x",
    ] {
        assert!(!lowers(f), "{f} should stay on the tree walker");
    }
}

#[test]
fn defs_with_nested_functions_or_declarations_still_run() {
    let (out, err) = printed(
        "g = 1\n\
         def a(x):\n    global g\n    g += x\n    return g\n\
         def b(x):\n    return sorted(x, key=lambda t: -t)\n\
         def c(n):\n    for i in range(n):\n        yield i * i\n\
         def d(x):\n    import math\n    return math.floor(x)\n\
         print(a(2), b([1, 3, 2]), list(c(3)), d(2.5))\n",
    );
    assert_eq!(
        (out.as_str(), err.as_str()),
        ("3 [3, 2, 1] [0, 1, 4] 2\n", "")
    );
}

#[test]
fn reading_a_local_before_it_is_assigned_is_an_unbound_local_error() {
    let (out, err) = printed("x = 1\ndef f():\n    y = x\n    x = 2\n    return y\nf()\n");
    assert_eq!(out, "");
    assert!(err.contains("line 3, in f"), "{err}");
    assert!(
        err.ends_with(
            "UnboundLocalError: cannot access local variable 'x' where it is not associated with a value\n"
        ),
        "{err}"
    );
}

#[test]
fn comprehension_variables_stay_in_the_comprehension() {
    let (out, err) = printed(
        "def f(x):\n    ys = [x for x in range(3)]\n    pairs = {(a, b) for a in ys for b in ys if a < b}\n    return x, ys, sorted(pairs)\n\
         print(f('kept'))\n",
    );
    assert_eq!(err, "");
    assert_eq!(out, "('kept', [0, 1, 2], [(0, 1), (0, 2), (1, 2)])\n");
}

#[test]
fn loops_try_and_finally_flow_as_python() {
    let (out, err) = printed(
        "def f(n):\n\
         \x20   out = []\n\
         \x20   for i in range(n):\n\
         \x20       if i == 1:\n\
         \x20           continue\n\
         \x20       if i == 4:\n\
         \x20           break\n\
         \x20       out += [i]\n\
         \x20   else:\n\
         \x20       out.append('no break')\n\
         \x20   while n > 0:\n\
         \x20       n -= 1\n\
         \x20   else:\n\
         \x20       out.append(n)\n\
         \x20   try:\n\
         \x20       out[10]\n\
         \x20   except (KeyError, IndexError) as e:\n\
         \x20       out.append(str(e))\n\
         \x20   finally:\n\
         \x20       out.append('finally')\n\
         \x20   try:\n\
         \x20       return out\n\
         \x20   finally:\n\
         \x20       out.append('after return')\n\
         print(f(3))\nprint(f(6))\n",
    );
    assert_eq!(err, "");
    assert_eq!(
        out,
        "[0, 2, 'no break', 0, 'list index out of range', 'finally', 'after return']\n\
         [0, 2, 3, 0, 'list index out of range', 'finally', 'after return']\n"
    );
}

#[test]
fn a_deeply_nested_local_drops_without_recursion() {
    let program = "def f():\n    t = []\n    for i in range(50000):\n        t = [t]\n    return 1\nprint(f())\n";
    let out = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || printed(program))
        .unwrap()
        .join()
        .expect("no stack overflow");
    assert_eq!(out, ("1\n".to_string(), String::new()));
}

#[test]
fn a_builtin_is_looked_up_again_once_the_module_binds_its_name() {
    let (out, err) = printed(
        "def f(x):\n    return len(x)\n\
         print(f('abc'))\nlen = lambda x: 42\nprint(f('abc'))\ndel len\nprint(f('abc'))\n\
         def g():\n    global str\n    str = lambda x: 'mine'\n\
         def h(x):\n    return str(x)\n\
         print(h(1))\ng()\nprint(h(1))\n",
    );
    assert_eq!(err, "");
    assert_eq!(out, "3\n42\n3\n1\nmine\n");
}

#[test]
fn records_read_by_field_behave_as_dicts() {
    let program = "from pyspark import SparkContext\n\
        from pyspark.streaming import StreamingContext\n\
        sc = SparkContext(appName='t')\n\
        ssc = StreamingContext(sc, 1)\n\
        rs = ssc.queueStream([[{'n': 1, 'xs': [1], 't': (2, 3)}, {'n': 4, 'xs': [], 't': (5, 6)}]])\n\
        rs.map(lambda o: (o['n'] * 2, o['t'], o['xs'].append(9), o['xs'], o['n'])).pprint()\n\
        rs.map(lambda o: o['missing']).pprint()\n\
        ssc.start()\n\
        ssc.awaitTermination()\n";
    let out = crate::run("t.py", program, 1, Box::new(|_| None));
    assert!(
        out.stdout
            .contains("(2, (2, 3), None, [1, 9], 1)\n(8, (5, 6), None, [9], 4)\n"),
        "{}",
        out.stdout
    );
    assert!(out.stderr.contains("KeyError: 'missing'"), "{}", out.stderr);
}

#[test]
fn a_record_parameter_changed_in_place_is_a_dict() {
    let program = "from pyspark import SparkContext\n\
        from pyspark.streaming import StreamingContext\n\
        sc = SparkContext(appName='t')\n\
        ssc = StreamingContext(sc, 1)\n\
        rs = ssc.queueStream([[{'n': 1}]])\n\
        def grow(o):\n    n = o['n']\n    o |= {'m': n + 1}\n    return o['m']\n\
        rs.map(grow).pprint()\n\
        ssc.start()\n\
        ssc.awaitTermination()\n";
    let out = crate::run("t.py", program, 1, Box::new(|_| None));
    assert_eq!(out.error, None, "{}", out.stderr);
    assert!(out.stdout.contains("\n2\n"), "{}", out.stdout);
}
