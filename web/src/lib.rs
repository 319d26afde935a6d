//! Eddy's playground: a yew app that runs a PySpark program through the Python front end and
//! the engine, then ticks through its batches on a timer, showing each batch's output and a
//! chart of it.
//!
//! The app lives in this library (not in `main.rs`) so that browser tests can mount it.

mod app;
mod chart;
mod console;
mod controls;
pub mod csv;
pub mod data;
mod download;
mod drop;
mod editor;
pub mod embed;
pub mod export;
mod inputs;
pub mod model_charts;
pub mod names;
mod palette;
pub mod plot;
pub mod presets;
pub mod share;
pub mod state;
pub mod state_chart;
mod views;
mod window_zeros;
pub mod worker;

pub use app::{App, AppProps};
