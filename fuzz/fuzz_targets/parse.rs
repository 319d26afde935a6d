//! Arbitrary bytes as a program's text, parsed as `eddy_python::run` parses it (nesting scan,
//! Ruff's parser, AST depth check), without running it.
//!
//! Oracle beyond "no panic, no stack overflow": the text scan must catch every nesting the
//! AST check would (the AST check is only a safety net), and a syntax error's position must
//! lie in the text.

#![no_main]

use eddy_python::nesting;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Some(e) = eddy_python::syntax_error(text) {
        let lines = text.split('\n').count() as u32;
        assert!(
            e.line >= 1 && e.line <= lines.max(1),
            "{e:?} in {lines} lines"
        );
        assert!(e.column >= 1, "{e:?}");
    }
    if nesting::check(text).is_ok() {
        if let Ok(parsed) = ruff_python_parser::parse_module(text) {
            let body = &parsed.syntax().body;
            if let Err(e) = nesting::check_ast(body.iter().map(nesting::Node::Stmt)) {
                panic!("the nesting scan let through an AST too deep: {e:?}");
            }
        }
    }
    // An expression on its own, as the operator picker compiles it.
    if nesting::check(text).is_ok() {
        if let Ok(parsed) = ruff_python_parser::parse_expression(text) {
            if let Err(e) = nesting::check_ast([nesting::Node::Expr(parsed.expr())]) {
                panic!("the nesting scan let through an expression too deep: {e:?}");
            }
        }
    }
});
