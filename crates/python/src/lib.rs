//! Eddy's Python front end: PySpark Streaming programs (a Python 3 subset) and lambdas become
//! an [`eddy_core::PipelineSpec`]; a pipeline becomes a PySpark program again for export.
//!
//! The front end is built on a real Python parser crate and an interpreter for the subset
//! DStream programs use. Until it lands, pipelines are built directly as
//! [`eddy_core::PipelineSpec`] values (the UI and `eddy` use [`eddy_core::demo`]).

pub use eddy_core::PipelineSpec;
