//! The top-level component: state, the timer, and the panels.

use gloo_timers::callback::Interval;
use yew::prelude::*;

use crate::chart::Chart;
use crate::console::Console;
use crate::controls::Controls;
use crate::editor::Editor;
use crate::presets::PRESETS;
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
    let errors = state.errors();
    let on_edit = {
        let dispatcher = state.dispatcher();
        Callback::from(move |text| dispatcher.dispatch(Action::Edit(text)))
    };
    let on_run = {
        let dispatcher = state.dispatcher();
        Callback::from(move |()| dispatcher.dispatch(Action::Run))
    };
    let on_preset = {
        let dispatcher = state.dispatcher();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Ok(i) = select.value().parse() {
                dispatcher.dispatch(Action::Load(i));
            }
        })
    };
    html! {
        <main class="app">
            <header class="masthead">
                <h1>{ "Eddy" }</h1>
                <p class="tagline">{ "PySpark Streaming, batch by batch, in your browser." }</p>
                <label class="preset">
                    { "Example " }
                    <select data-testid="preset-select" onchange={on_preset}>
                        { for PRESETS.iter().enumerate().map(|(i, p)| html! {
                            <option value={i.to_string()} selected={i == state.preset}>{ p.title }</option>
                        }) }
                    </select>
                </label>
            </header>
            <Controls playing={state.playing} batch={state.batches_run()} {on_action} />
            if !errors.is_empty() {
                <div class="error" role="alert" data-testid="error">
                    { for errors.iter().map(|e| html! { <p>{ e }</p> }) }
                </div>
            }
            <div class="panels">
                <Editor source={AttrValue::from(state.source.clone())} error_line={state.error_line()}
                    {on_edit} {on_run} />
                <Console text={AttrValue::from(state.console().to_string())} />
                <Chart title="Records per batch" values={state.input_records()} />
            </div>
        </main>
    }
}
