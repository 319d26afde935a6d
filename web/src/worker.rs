//! The program runner as a Web Worker: the page sends the program and its input files, the
//! worker runs it to the end (parse, interpret, every batch) and sends the run back. The page's
//! thread only reveals batches, so a long run never freezes typing, ticking or scrubbing.
//!
//! Dropped files travel as object URLs, and the worker reads them: their text (megabytes) never
//! passes through the page's thread, which would stall while encoding and copying it.

use eddy_python::outline::Outline;
use eddy_python::RunOutput;
use gloo_worker::oneshot::oneshot;
use gloo_worker::Codec;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// What the page asks the worker to run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunRequest {
    /// The program.
    pub source: String,
    /// Dropped files, `(name, object URL)`, one per batch.
    pub drops: Vec<(String, String)>,
    /// The page's URL: the bundled data sets are fetched relative to it.
    pub base: Option<String>,
    /// Only build the pipeline (no batches): the graph and the palette follow the program
    /// while it is being typed.
    #[serde(default)]
    pub sketch: bool,
}

/// What the worker sends back: the run, and where the palette may write in the program.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Ran {
    /// The program's run (without batches for a sketch).
    pub run: RunOutput,
    /// The program's outline.
    pub outline: Outline,
}

/// Messages cross as JSON: pipeline descriptions use serde features (flattened, internally
/// tagged enums) that gloo's default bincode cannot carry.
#[derive(Debug)]
pub struct Json;

impl Codec for Json {
    fn encode<I: Serialize>(input: I) -> JsValue {
        JsValue::from_str(
            &serde_json::to_string(&input).unwrap_or_else(|e| {
                serde_json::json!({ "encodeError": e.to_string() }).to_string()
            }),
        )
    }

    fn decode<O: DeserializeOwned>(input: JsValue) -> O {
        let text = input.as_string().unwrap_or_default();
        // Both sides are this crate: a message that does not decode is a bug, and a worker
        // has no better way to report it than failing loudly in the console.
        serde_json::from_str(&text).expect("a message from the other side of the worker")
    }
}

#[wasm_bindgen]
extern "C" {
    /// `performance.now()`: the worker's clock in milliseconds, which it lends the engine to
    /// time each batch (the engine reads no clock of its own).
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
}

/// Runs one program, timing its batches (each report's `timings`).
#[oneshot]
pub async fn RunWorker(request: RunRequest) -> Ran {
    if let Some(base) = &request.base {
        crate::data::set_base(base);
    }
    match read_inputs(&request.drops).await {
        Ok(texts) => {
            // Runs are timed with the worker's clock; sketches run no batch to time.
            let clock = (!request.sketch).then(|| eddy_core::Clock::new(performance_now));
            ran(&request.source, &texts, request.sketch, clock)
        }
        Err(message) => Ran {
            run: unreadable(message),
            outline: eddy_python::outline::outline(&request.source),
        },
    }
}

/// Runs `source` with the dropped files' texts (`sketch`: without batches) and outlines it:
/// what the worker does once the files are read (component tests call it on the page's thread).
pub fn serve(source: &str, texts: &[(String, String)], sketch: bool) -> Ran {
    ran(source, texts, sketch, None)
}

fn ran(
    source: &str,
    texts: &[(String, String)],
    sketch: bool,
    clock: Option<eddy_core::Clock>,
) -> Ran {
    let run = if sketch {
        crate::state::sketch_program(source, texts)
    } else {
        crate::state::run_program_timed(source, texts, clock)
    };
    Ran {
        run: lighten(run, texts),
        outline: eddy_python::outline::outline(source),
    }
}

/// The run of a program whose input files could not be read: only that error.
pub fn unreadable(message: String) -> RunOutput {
    RunOutput {
        stderr: format!("{message}\n"),
        error: Some(eddy_python::ProgramError {
            line: 1,
            column: 1,
            message,
        }),
        ..RunOutput::default()
    }
}

#[wasm_bindgen]
extern "C" {
    /// The global `fetch`, in a window and in a worker alike.
    #[wasm_bindgen(js_name = fetch)]
    fn global_fetch(url: &str) -> js_sys::Promise;
}

/// The text behind an object URL.
async fn fetch_text(url: &str) -> Result<String, String> {
    let shown = |e: JsValue| e.as_string().unwrap_or_else(|| format!("{e:?}"));
    let response: web_sys::Response = JsFuture::from(global_fetch(url))
        .await
        .map_err(shown)?
        .dyn_into()
        .map_err(shown)?;
    let text = JsFuture::from(response.text().map_err(shown)?)
        .await
        .map_err(shown)?;
    text.as_string().ok_or_else(|| "not text".to_string())
}

/// The dropped files' texts, `(name, text)`, from their object URLs.
pub async fn read_inputs(drops: &[(String, String)]) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::with_capacity(drops.len());
    for (name, url) in drops {
        let text = fetch_text(url)
            .await
            .map_err(|e| format!("could not read input/{name}: {e}"))?;
        out.push((name.clone(), text));
    }
    Ok(out)
}

/// Leaves out what the page does not show and would only pay to decode: the records queued in
/// `queueStream` nodes (the program holds them; 300k queued ints are megabytes of JSON), and
/// the dropped files in the run's file system (the page has them; as JSON byte arrays a 40 MB
/// file would take seconds to decode).
fn lighten(mut run: RunOutput, drops: &[(String, String)]) -> RunOutput {
    run.files.retain(|(path, _)| {
        !drops
            .iter()
            .any(|(name, _)| *path == format!("input/{name}"))
    });
    if let Some(spec) = &mut run.pipeline {
        for node in &mut spec.nodes {
            if let eddy_core::OpSpec::QueueStream {
                batches, default, ..
            } = &mut node.op
            {
                batches.iter_mut().for_each(Vec::clear);
                if let Some(d) = default {
                    d.clear();
                }
            }
        }
    }
    run
}
