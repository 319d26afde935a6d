//! Python's `"\N{NAME}"` escapes, which Ruff's parser resolves with `unicode_names2` (the
//! workspace's copy, crates/unicode-names): what CPython 3.11 prints, and what Eddy printed
//! before the copy replaced crates.io's crate. In the browser the names come from
//! static/data/unicode-names.txt (tests/e2e/playground.test.js).

mod common;

use common::{run, same_stdout};

#[test]
fn named_escapes_resolve_names_aliases_and_derived_names_in_any_case() {
    same_stdout(
        r#"print("\N{BULLET}", "\N{LATIN SMALL LETTER E WITH ACUTE}")
print("\N{bullet}" == "\u2022", repr("\N{NEW LINE}"), "\N{HANGUL SYLLABLE GA}", "\N{CJK UNIFIED IDEOGRAPH-4E00}")
print(repr("caf\N{LATIN SMALL LETTER E WITH ACUTE}"), len("\N{EM DASH}\N{EM DASH}"), f"{1}\N{BULLET}{2}")
"#,
        "• é\nTrue '\\n' 가 一\n'café' 2 1•2\n",
    );
}

#[test]
fn a_stream_of_named_characters_pprints_them() {
    let src = r#"from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="names")
ssc = StreamingContext(sc, 1)
rdd = sc.parallelize(["\N{BULLET} caf\N{LATIN SMALL LETTER E WITH ACUTE}"])
ssc.queueStream([rdd]).map(lambda s: (s, len(s))).pprint()
ssc.start()
ssc.stop()
"#;
    let out = eddy_python::run("names.py", src, 1, Box::new(|_| None));
    assert_eq!(out.error, None, "stderr:\n{}", out.stderr);
    assert_eq!(
        out.stdout,
        "-------------------------------------------\n\
         Time: 1970-01-01 00:00:01\n\
         -------------------------------------------\n\
         ('• café', 6)\n\n",
    );
}

#[test]
fn an_unknown_name_is_a_syntax_error_at_the_name() {
    let out = run("x = 1\nprint(\"\\N{NO SUCH CHARACTER}\")\n");
    assert_eq!(out.stdout, "");
    let error = out.error.expect("a syntax error");
    assert_eq!(
        (error.line, error.column, error.message.as_str()),
        (2, 11, "SyntaxError: Got unexpected unicode")
    );
    assert_eq!(
        out.stderr,
        "  File \"snippet.py\", line 2\n    print(\"\\N{NO SUCH CHARACTER}\")\n              ^\nSyntaxError: Got unexpected unicode\n"
    );
}
