//! The console's outputs as a CSV file: one row per record each output operation printed in
//! each batch shown (`pprint`'s records without its header, every line a `foreachRDD`
//! printed), so a learner can open a run in a spreadsheet. Quoted as RFC 4180 says.

use std::rc::Rc;

use eddy_core::{OpSpec, PipelineSpec, StepReport};
use eddy_python::RunOutput;
use yew::prelude::*;

use crate::download::{DownloadButton, File};

/// The file's header row.
pub const HEADER: [&str; 4] = ["batch", "time", "output", "record"];

/// One field, quoted when it holds a comma, a quote, or a line break (quotes doubled).
pub fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Appends one row, ended by CRLF as RFC 4180 writes it.
fn row(out: &mut String, fields: &[&str]) {
    let quoted: Vec<String> = fields.iter().map(|f| field(f)).collect();
    out.push_str(&quoted.join(","));
    out.push_str("\r\n");
}

/// The records one output job printed: `pprint`'s lines between its header and its closing
/// empty line (without the `...` it prints when there are more than `num`), any other
/// output's lines as they are.
fn records<'a>(op: Option<&OpSpec>, text: &'a str) -> Vec<&'a str> {
    let lines: Vec<&str> = text
        .strip_suffix('\n')
        .unwrap_or(text)
        .split('\n')
        .collect();
    match op {
        Some(OpSpec::Pprint { num }) if lines.len() >= 4 => {
            let body = &lines[3..lines.len() - 1];
            let cut = if body.len() > *num { *num } else { body.len() };
            body[..cut].to_vec()
        }
        _ if text.is_empty() => Vec::new(),
        _ => lines,
    }
}

/// What an output is called in the file: its operator and node, `pprint #4`.
fn output_name(spec: Option<&PipelineSpec>, node: u32) -> String {
    match spec.and_then(|s| s.nodes.get(node as usize)) {
        Some(n) => format!("{} #{node}", n.op.name()),
        None => format!("#{node}"),
    }
}

/// The CSV of the first `shown` batches of `reports`: a header row, then per batch the
/// lines printed while its RDDs were generated (output `print`), then each output job's
/// records in the order the jobs ran.
pub fn outputs_csv(spec: Option<&PipelineSpec>, reports: &[StepReport], shown: usize) -> String {
    let mut out = String::new();
    row(&mut out, &HEADER);
    for r in reports.iter().take(shown) {
        let batch = (r.index + 1).to_string();
        let time = r.time.to_string();
        // Bytes of the console no job printed: lines of `transform` bodies.
        let mut covered = 0;
        let mut loose = String::new();
        for p in &r.printed {
            loose.push_str(r.console.get(covered..p.start).unwrap_or(""));
            covered = p.end;
        }
        loose.push_str(r.console.get(covered..).unwrap_or(""));
        for line in records(None, &loose) {
            row(&mut out, &[&batch, &time, "print", line]);
        }
        for p in &r.printed {
            let op = spec
                .and_then(|s| s.nodes.get(p.node.0 as usize))
                .map(|n| &n.op);
            let name = output_name(spec, p.node.0);
            for line in records(op, r.console.get(p.start..p.end).unwrap_or("")) {
                row(&mut out, &[&batch, &time, &name, line]);
            }
        }
    }
    out
}

/// Props of [`CsvDownload`].
#[derive(Properties, PartialEq)]
pub struct CsvProps {
    /// The program's run.
    pub run: Rc<RunOutput>,
    /// Batches shown: the file holds these.
    pub shown: usize,
}

/// A button that downloads the outputs of the batches shown as `outputs.csv`.
#[function_component(CsvDownload)]
pub fn csv_download(props: &CsvProps) -> Html {
    let file = {
        let (run, shown) = (props.run.clone(), props.shown);
        Callback::from(move |()| File {
            name: "outputs.csv".into(),
            mime: "text/csv;charset=utf-8",
            text: outputs_csv(run.pipeline.as_ref(), &run.reports, shown),
        })
    };
    html! {
        <DownloadButton class="csv" testid="download-csv" label="Download CSV" {file}
            disabled={props.shown == 0}
            title="Every output operation's records of the batches shown, one row each (batch, time, output, record)" />
    }
}

#[cfg(test)]
mod tests {
    // Under wasm32 the tests run in a browser (`cargo test --target wasm32-unknown-unknown`).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn fields_are_quoted_only_when_they_must_be() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("('a', 1)"), "\"('a', 1)\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
        assert_eq!(field(""), "");
    }

    #[test]
    fn pprint_records_leave_out_the_header_blank_line_and_ellipsis() {
        let op = OpSpec::Pprint { num: 2 };
        let text = "---\nTime: x\n---\na\nb\n...\n\n";
        assert_eq!(records(Some(&op), text), ["a", "b"]);
        let op = OpSpec::Pprint { num: 10 };
        assert_eq!(
            records(Some(&op), "---\nTime: x\n---\n\n"),
            Vec::<&str>::new()
        );
        // A record that is itself "..." is kept when it is one of the first `num`.
        assert_eq!(records(Some(&op), "---\nTime: x\n---\n...\n\n"), ["..."]);
        assert_eq!(records(None, "x\ny\n"), ["x", "y"]);
    }

    /// Seed (e), two batches: the header, then its two pprints' records in the order they ran,
    /// with tuples quoted (they hold commas).
    #[test]
    fn seed_e_outputs_one_row_per_printed_record() {
        let p = crate::presets::PRESETS
            .iter()
            .find(|p| p.id == "seed_e_linreg_sgd")
            .unwrap();
        let run = crate::state::run_program(p.source, &[]);
        let csv = outputs_csv(run.pipeline.as_ref(), &run.reports, 2);
        let rows: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(rows[0], "batch,time,output,record");
        // 8 predictions and one MSE per batch, and the empty string after the last CRLF.
        assert_eq!(rows.len(), 1 + 2 * 9 + 1);
        assert_eq!(rows[19], "");
        assert!(
            rows[1].starts_with("1,1970-01-01 00:00:01,pprint #"),
            "{}",
            rows[1]
        );
        assert!(
            rows[1].ends_with(",\"(1.262, np.float64(0.0))\""),
            "{}",
            rows[1]
        );
        assert!(rows[9].contains(",\"('MSE', "), "{}", rows[9]);
        assert!(rows[10].starts_with("2,1970-01-01 00:00:02,"));
        // The records are the console's lines.
        let console = &run.reports[0].console;
        let first = rows[1].rsplit_once(",\"").unwrap().1.trim_end_matches('"');
        assert!(console.contains(&format!("\n{first}\n")));
    }
}
