//! Eddy's playground: a yew app that ticks a pipeline through the engine on a timer and shows
//! each batch's output and a chart of it.
//!
//! The app lives in this library (not in `main.rs`) so that browser tests can mount it.

mod app;
mod chart;
mod console;
mod controls;
pub mod state;

pub use app::App;
