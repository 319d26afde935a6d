//! Eddy's engine: a deterministic micro-batch stream processor whose output is what
//! PySpark Streaming 4.3.0 (`local[2]`) prints, batch by batch.
//!
//! The engine never reads a clock or OS randomness: time is the logical batch clock
//! ([`BatchTime`]), so the same [`PipelineSpec`] and inputs give the same output, byte for
//! byte, natively and in WebAssembly.
//!
//! ```
//! use eddy_core::{demo, Engine};
//! let mut engine = Engine::new(demo::seed_reduce_add()).unwrap();
//! let report = engine.step();
//! assert_eq!(report.index, 0);
//! assert!(report.console.contains("Time: 1970-01-01 00:00:01"));
//! ```

// The unit tests run in headless Chromium under wasm32, as `tests/wasm.rs` does.
#[cfg(all(test, target_arch = "wasm32"))]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

pub mod batch;
pub mod clock;
pub mod demo;
pub mod engine;
pub mod error;
pub mod func;
pub mod ml;
pub mod operator;
pub mod ops;
pub mod report;
pub mod shuffle;
pub mod spec;
pub mod time;
pub mod timeline;
pub mod value;
pub mod vfs;

pub use batch::Batch;
pub use clock::Clock;
pub use engine::Engine;
pub use error::EngineError;
pub use report::StepReport;
pub use spec::{NodeId, NodeSpec, OpSpec, PipelineSpec};
pub use time::{BatchTime, Duration};
pub use timeline::Timeline;
pub use value::Value;
pub use vfs::Vfs;
