//! The top-level component: state, the timer, and the panels.

use gloo_timers::callback::Interval;
use yew::prelude::*;

use crate::chart::Chart;
use crate::console::Console;
use crate::controls::Controls;
use crate::state::{Action, Playground};

/// Milliseconds between batches while playing.
const TICK_MS: u32 = 700;

/// The playground.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(Playground::default);
    {
        // The interval lives exactly as long as `playing` is true: the effect's cleanup drops it.
        let dispatcher = state.dispatcher();
        use_effect_with(state.playing, move |&playing| {
            let timer =
                playing.then(|| Interval::new(TICK_MS, move || dispatcher.dispatch(Action::Step)));
            move || drop(timer)
        });
    }
    let on_action = {
        let dispatcher = state.dispatcher();
        Callback::from(move |action| dispatcher.dispatch(action))
    };
    let errors: Vec<String> = state
        .error
        .iter()
        .cloned()
        .chain(state.job_errors())
        .collect();
    html! {
        <main class="app">
            <header class="masthead">
                <h1>{ "Eddy" }</h1>
                <p class="tagline">{ "PySpark Streaming, batch by batch, in your browser." }</p>
            </header>
            <Controls playing={state.playing} batch={state.batches_run()} {on_action} />
            if !errors.is_empty() {
                <div class="error" role="alert" data-testid="error">
                    { for errors.iter().map(|e| html! { <p>{ e }</p> }) }
                </div>
            }
            <div class="panels">
                <Console text={AttrValue::from(state.console())} />
                <Chart title="Records per batch" values={state.input_records()} />
            </div>
        </main>
    }
}
