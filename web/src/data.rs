//! The data sets bundled with the playground, as programs open them (`open("data/…")`).
//! Attribution: `static/data/README.md` and each data set's `ATTRIBUTION.md`.

/// `(path, contents)` of every bundled file.
const FILES: &[(&str, &str)] = &[(
    "data/sml2010/NEW-DATA-1.T15.txt",
    include_str!("../../static/data/sml2010/NEW-DATA-1.T15.txt"),
)];

/// The bundled file at `path` (relative, `./` allowed).
pub fn read(path: &str) -> Option<&'static str> {
    let path = path.trim_start_matches("./");
    FILES
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, text)| *text)
}
