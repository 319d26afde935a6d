//! Comparing a program's output with real PySpark's (the conformance rule of
//! `../shared/conformance/README.md`): pprint blocks in order; records within a block in order
//! where Spark defines it (`# ordered: true`) and as a multiset where it does not; numbers
//! equal within 1e-9 relative.

/// What a golden file's header says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    /// `# batches: N`.
    pub batches: u64,
    /// `# ordered: true`.
    pub ordered: bool,
}

/// Reads the `# batches:` and `# ordered:` lines at the top of a program.
pub fn header(program: &str) -> Header {
    let value = |key: &str| {
        program
            .lines()
            .take_while(|l| l.starts_with('#'))
            .find_map(|l| l.strip_prefix(key).map(str::trim))
    };
    Header {
        batches: value("# batches:")
            .and_then(|v| v.parse().ok())
            .unwrap_or(10),
        ordered: value("# ordered:") == Some("true"),
    }
}

const RULE: &str = "-------------------------------------------";

/// Output cut into units: a pprint block (its `Time:` line and records, sorted when order is
/// not defined) or a single printed line.
fn units(text: &str, ordered: bool) -> Vec<Vec<String>> {
    let lines: Vec<&str> = text.lines().collect();
    let is_header = |i: usize| lines[i] == RULE && lines.get(i + 2) == Some(&RULE);
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if is_header(i) {
            let mut unit = vec![lines[i + 1].to_string()];
            i += 3;
            let mut records = Vec::new();
            while i < lines.len() && !lines[i].is_empty() && !is_header(i) {
                records.push(lines[i].to_string());
                i += 1;
            }
            if i < lines.len() && lines[i].is_empty() {
                i += 1;
            }
            if !ordered {
                records.sort();
            }
            unit.extend(records);
            out.push(unit);
        } else {
            out.push(vec![lines[i].to_string()]);
            i += 1;
        }
    }
    out
}

/// Splits a line into text and numbers.
fn tokens(line: &str) -> Vec<Result<f64, &str>> {
    let b = line.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut text_start = 0;
    while i < b.len() {
        let starts_number =
            b[i].is_ascii_digit() || (b[i] == b'-' && b.get(i + 1).is_some_and(u8::is_ascii_digit));
        let in_word = i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_');
        if starts_number && !in_word {
            let mut j = i + 1;
            while j < b.len() && (b[j].is_ascii_digit() || b[j] == b'.') {
                j += 1;
            }
            if j < b.len() && (b[j] == b'e' || b[j] == b'E') {
                let mut k = j + 1;
                if k < b.len() && (b[k] == b'-' || b[k] == b'+') {
                    k += 1;
                }
                if k < b.len() && b[k].is_ascii_digit() {
                    j = k;
                    while j < b.len() && b[j].is_ascii_digit() {
                        j += 1;
                    }
                }
            }
            if let Ok(v) = line[i..j].parse::<f64>() {
                out.push(Err(&line[text_start..i]));
                out.push(Ok(v));
                text_start = j;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    out.push(Err(&line[text_start..]));
    out
}

/// Whether two lines are equal, numbers within 1e-9 relative.
pub fn lines_match(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (ta, tb) = (tokens(a), tokens(b));
    ta.len() == tb.len()
        && ta.iter().zip(&tb).all(|(x, y)| match (x, y) {
            (Ok(x), Ok(y)) => x == y || (x - y).abs() <= 1e-9 * x.abs().max(y.abs()),
            (Err(x), Err(y)) => x == y,
            _ => false,
        })
}

/// Compares `actual` with Spark's `expected`; the error says where they first differ.
pub fn compare(expected: &str, actual: &str, ordered: bool) -> Result<(), String> {
    let (e, a) = (units(expected, ordered), units(actual, ordered));
    for (i, (eu, au)) in e.iter().zip(&a).enumerate() {
        let same = eu.len() == au.len() && eu.iter().zip(au).all(|(x, y)| lines_match(x, y));
        if !same {
            return Err(format!(
                "output unit {i} differs\n  Spark: {eu:?}\n  Eddy:  {au:?}"
            ));
        }
    }
    if e.len() != a.len() {
        return Err(format!(
            "Spark printed {} units, Eddy {}; first extra: {:?}",
            e.len(),
            a.len(),
            e.get(a.len()).or(a.get(e.len()))
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unordered_blocks_compare_as_multisets_and_floats_within_tolerance() {
        let spark = format!(
            "{RULE}\nTime: 1970-01-01 00:00:01\n{RULE}\n('a', 1)\n('b', 0.30000000000000004)\n\n"
        );
        let eddy = format!("{RULE}\nTime: 1970-01-01 00:00:01\n{RULE}\n('b', 0.3)\n('a', 1)\n\n");
        assert!(compare(&spark, &eddy, false).is_ok());
        assert!(compare(&spark, &eddy, true).is_err());
    }

    #[test]
    fn a_missing_block_is_a_difference() {
        let spark = format!("{RULE}\nTime: 1970-01-01 00:00:01\n{RULE}\n1\n\nafter\n");
        assert!(compare(&spark, "after\n", true).is_err());
        assert!(!lines_match("x1", "x2"));
    }
}
