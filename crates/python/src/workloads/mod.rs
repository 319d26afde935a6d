//! The workloads of the benchmarks (issue 7), shared by `eddy bench` natively and the wasm
//! benchmark in headless Chromium, so that both time the same program on the same input.

pub mod orders;
