//! The program runner as a Web Worker: the page sends the program and its input files, the
//! worker runs it to the end (parse, interpret, every batch) and sends the run back. The page's
//! thread only reveals batches, so a long run never freezes typing, ticking or scrubbing.

use eddy_python::RunOutput;
use gloo_worker::oneshot::oneshot;
use gloo_worker::Codec;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

/// What the page asks the worker to run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunRequest {
    /// The program.
    pub source: String,
    /// Dropped files, `(name, text)`, one per batch.
    pub drops: Vec<(String, String)>,
    /// The page's URL: the bundled data sets are fetched relative to it.
    pub base: Option<String>,
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

/// Runs one program.
#[oneshot]
pub async fn RunWorker(request: RunRequest) -> RunOutput {
    if let Some(base) = &request.base {
        crate::data::set_base(base);
    }
    lighten(crate::state::run_program(&request.source, &request.drops))
}

/// Leaves out what the page does not show and would only pay to decode: the records queued in
/// `queueStream` nodes (the program holds them; 300k queued ints are megabytes of JSON).
fn lighten(mut run: RunOutput) -> RunOutput {
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
