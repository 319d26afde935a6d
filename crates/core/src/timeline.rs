//! Time travel: step back and scrub to any past batch.
//!
//! The engine is deterministic, so any past state is a snapshot plus a replay. A [`Timeline`]
//! keeps a snapshot (an [`Engine`] clone) every [`Timeline::SNAPSHOT_EVERY`] batches, so
//! reaching any batch replays at most that many batches, and keeps every batch's report so
//! the UI can show history without recomputing it.

use crate::{Engine, StepReport};

/// A running pipeline with its history.
#[derive(Clone, Debug)]
pub struct Timeline {
    engine: Engine,
    /// `snapshots[i]` is the state before batch `i * SNAPSHOT_EVERY`.
    snapshots: Vec<Engine>,
    /// The report of every batch computed so far, including batches after the current
    /// position when the user stepped back (replaying them gives the same reports).
    reports: Vec<StepReport>,
}

impl Timeline {
    /// Batches between snapshots: scrubbing replays at most this many.
    pub const SNAPSHOT_EVERY: u64 = 32;

    /// A timeline starting before the first batch of `engine`.
    pub fn new(engine: Engine) -> Self {
        Timeline {
            snapshots: vec![engine.clone()],
            engine,
            reports: Vec::new(),
        }
    }

    /// How many batches have run at the current position.
    pub fn position(&self) -> u64 {
        self.engine.batches_run()
    }

    /// The engine at the current position.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// The reports of the batches up to the current position.
    pub fn reports(&self) -> &[StepReport] {
        &self.reports[..self.position() as usize]
    }

    /// Runs the next batch and returns its report.
    pub fn step(&mut self) -> &StepReport {
        let at = self.position();
        if at % Self::SNAPSHOT_EVERY == 0
            && self.snapshots.len() as u64 == at / Self::SNAPSHOT_EVERY
        {
            self.snapshots.push(self.engine.clone());
        }
        let report = self.engine.step();
        let i = at as usize;
        if i < self.reports.len() {
            self.reports[i] = report;
        } else {
            self.reports.push(report);
        }
        &self.reports[i]
    }

    /// Goes back one batch (no-op before the first).
    pub fn step_back(&mut self) {
        let at = self.position();
        self.seek(at.saturating_sub(1));
    }

    /// Moves to the state after `batches` batches: back by restoring the nearest snapshot and
    /// replaying, forward by running.
    pub fn seek(&mut self, batches: u64) {
        if batches < self.position() {
            let k = (batches / Self::SNAPSHOT_EVERY) as usize;
            let k = k.min(self.snapshots.len() - 1);
            self.engine = self.snapshots[k].clone();
        }
        while self.position() < batches {
            self.step();
        }
    }
}

#[cfg(test)]
mod tests {
    // Under wasm32 the tests run in a browser (`cargo test --target wasm32-unknown-unknown`).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::demo;

    fn consoles(t: &Timeline) -> Vec<String> {
        t.reports().iter().map(|r| r.console.clone()).collect()
    }

    #[test]
    fn step_back_then_forward_replays_the_same_batches() {
        let mut t = Timeline::new(Engine::new(demo::seed_reduce_add()).unwrap());
        for _ in 0..5 {
            t.step();
        }
        let straight = consoles(&t);
        t.step_back();
        t.step_back();
        assert_eq!(t.position(), 3);
        assert_eq!(consoles(&t), straight[..3]);
        t.step();
        t.step();
        assert_eq!(consoles(&t), straight);
    }

    #[test]
    fn seeking_far_back_and_forward_crosses_snapshots() {
        let mut t = Timeline::new(Engine::new(demo::seed_reduce_add()).unwrap());
        t.seek(100);
        let straight = consoles(&t);
        t.seek(40);
        assert_eq!(t.position(), 40);
        t.seek(0);
        assert!(t.reports().is_empty());
        t.seek(100);
        assert_eq!(consoles(&t), straight);
    }
}
