//! Play / Pause / Step / Back / Reset, the speed, the batch counter and the scrubber.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::state::Action;

/// Props of [`Controls`].
#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    /// Whether the timer is ticking.
    pub playing: bool,
    /// The number of the last batch shown, 0 before any.
    pub batch: u64,
    /// How many batches the run has.
    pub batches: u64,
    /// Milliseconds between batches while playing.
    pub tick_ms: u32,
    /// Where the controls send their actions.
    pub on_action: Callback<Action>,
}

/// The paces the speed menu offers, in milliseconds per batch.
const SPEEDS: &[(u32, &str)] = &[
    (2000, "0.5 batch/s"),
    (1000, "1 batch/s"),
    (700, "1.4 batch/s"),
    (350, "3 batch/s"),
    (100, "10 batch/s"),
];

/// The clock controls.
#[function_component(Controls)]
pub fn controls(props: &ControlsProps) -> Html {
    let send = |action: Action| {
        let on_action = props.on_action.clone();
        Callback::from(move |_: MouseEvent| on_action.emit(action.clone()))
    };
    let on_speed = {
        let on_action = props.on_action.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Ok(ms) = select.value().parse() {
                on_action.emit(Action::Speed(ms));
            }
        })
    };
    let on_scrub = {
        let on_action = props.on_action.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Ok(n) = input.value().parse() {
                on_action.emit(Action::Seek(n));
            }
        })
    };
    html! {
        <div class="controls" role="toolbar" aria-label="Batch clock">
            if props.playing {
                <button data-testid="pause" onclick={send(Action::Pause)} title="Pause (Space)">{ "⏸ Pause" }</button>
            } else {
                <button data-testid="play" onclick={send(Action::Play)} title="Play (Space)"
                    disabled={props.batch >= props.batches}>{ "▶ Play" }</button>
            }
            <button data-testid="step-back" onclick={send(Action::StepBack)}
                disabled={props.batch == 0} aria-label="Step back one batch" title="Back (←)">{ "‹ Back" }</button>
            <button data-testid="step" onclick={send(Action::Step)}
                disabled={props.batch >= props.batches}
                aria-label="Run one batch" title="Step (→)">{ "Step ›" }</button>
            <button data-testid="reset" onclick={send(Action::Reset)} title="Reset (Home)">{ "↺ Reset" }</button>
            <label class="speed">
                { "Speed " }
                <select data-testid="speed" onchange={on_speed}>
                    { for SPEEDS.iter().map(|(ms, label)| html! {
                        <option value={ms.to_string()} selected={*ms == props.tick_ms}>{ *label }</option>
                    }) }
                </select>
            </label>
            <input type="range" class="scrub" data-testid="scrub" aria-label="Scrub to a batch"
                min="0" max={props.batches.to_string()} value={props.batch.to_string()} oninput={on_scrub} />
            <span class="batch" aria-live="polite">
                { "Batch " }<strong data-testid="batch-index">{ props.batch }</strong>
                { format!(" of {}", props.batches) }
            </span>
        </div>
    }
}
