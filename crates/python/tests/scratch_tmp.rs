//! Scratch: runs /tmp/snip.py and prints what Eddy prints (not committed).
#[test]
fn scratch() {
    let src = std::fs::read_to_string("/tmp/snip.py").unwrap();
    let out = eddy_python::run("snip.py", &src, 0, Box::new(|_| None));
    println!(
        "=====STDOUT\n{}=====STDERR\n{}=====ERROR {:?}",
        out.stdout, out.stderr, out.error
    );
}
