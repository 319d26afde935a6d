//! The playground's state as a yew [`Reducible`]: pure, so every transition is testable.

use std::rc::Rc;

use eddy_core::{demo, Engine, PipelineSpec, Timeline};
use yew::Reducible;

/// What the user can do to the clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Start ticking batches on the timer.
    Play,
    /// Stop ticking.
    Pause,
    /// Run one batch (the timer sends this too).
    Step,
    /// Go back one batch (paused): restores the state before the last batch.
    StepBack,
    /// Back to before the first batch, paused.
    Reset,
}

/// The running pipeline and everything it has reported.
#[derive(Clone, Debug)]
pub struct Playground {
    /// The pipeline as loaded, for reset.
    spec: PipelineSpec,
    /// The engine with its snapshots, for stepping back.
    timeline: Timeline,
    /// Whether the timer is ticking.
    pub playing: bool,
    /// Why the pipeline cannot run, if it cannot.
    pub error: Option<String>,
}

impl Playground {
    /// A playground for `spec`, before its first batch.
    pub fn new(spec: PipelineSpec) -> Self {
        let (engine, error) = match Engine::new(spec.clone()) {
            Ok(engine) => (engine, None),
            Err(e) => (
                Engine::new(demo::seed_reduce_add()).expect("the demo pipeline is valid"),
                Some(e.to_string()),
            ),
        };
        Playground {
            spec,
            timeline: Timeline::new(engine),
            playing: false,
            error,
        }
    }

    /// The number of the last batch run (1-based), 0 before any.
    pub fn batches_run(&self) -> u64 {
        self.timeline.position()
    }

    /// Everything printed so far, as `eddy` prints it.
    pub fn console(&self) -> String {
        (self.timeline.reports().iter())
            .map(|r| r.console.as_str())
            .collect()
    }

    /// Records the pipeline's source produced, per batch: the chart's figure.
    pub fn input_records(&self) -> Vec<f64> {
        let source = eddy_core::NodeId(0);
        (self.timeline.reports().iter())
            .map(|r| r.records_of(source).unwrap_or(0) as f64)
            .collect()
    }

    /// Failed jobs, as the console would report them.
    pub fn job_errors(&self) -> Vec<String> {
        (self.timeline.reports().iter())
            .flat_map(|r| r.errors.iter().map(ToString::to_string))
            .collect()
    }
}

impl Default for Playground {
    fn default() -> Self {
        Playground::new(demo::seed_reduce_add())
    }
}

impl Reducible for Playground {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = Rc::unwrap_or_clone(self);
        match action {
            Action::Play => next.playing = next.error.is_none(),
            Action::Pause => next.playing = false,
            Action::Step if next.error.is_none() => {
                next.timeline.step();
            }
            Action::Step => {}
            Action::StepBack => {
                next.playing = false;
                next.timeline.step_back();
            }
            Action::Reset => next = Playground::new(next.spec),
        }
        Rc::new(next)
    }
}
