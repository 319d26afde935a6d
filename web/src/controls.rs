//! Play / Pause / Step / Reset and the batch counter.

use yew::prelude::*;

use crate::state::Action;

/// Props of [`Controls`].
#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    /// Whether the timer is ticking.
    pub playing: bool,
    /// The number of the last batch run, 0 before any.
    pub batch: u64,
    /// Where the buttons send their actions.
    pub on_action: Callback<Action>,
}

/// The clock controls.
#[function_component(Controls)]
pub fn controls(props: &ControlsProps) -> Html {
    let send = |action: Action| {
        let on_action = props.on_action.clone();
        Callback::from(move |_: MouseEvent| on_action.emit(action.clone()))
    };
    html! {
        <div class="controls" role="toolbar" aria-label="Batch clock">
            if props.playing {
                <button data-testid="pause" onclick={send(Action::Pause)}>{ "⏸ Pause" }</button>
            } else {
                <button data-testid="play" onclick={send(Action::Play)}>{ "▶ Play" }</button>
            }
            <button data-testid="step-back" onclick={send(Action::StepBack)}
                disabled={props.batch == 0} aria-label="Step back one batch">{ "‹ Back" }</button>
            <button data-testid="step" onclick={send(Action::Step)}
                aria-label="Run one batch">{ "Step ›" }</button>
            <button data-testid="reset" onclick={send(Action::Reset)}>{ "↺ Reset" }</button>
            <span class="batch" aria-live="polite">
                { "Batch " }<strong data-testid="batch-index">{ props.batch }</strong>
            </span>
        </div>
    }
}
