//! The top-level component: state, the timer, and the panels.

use gloo_timers::callback::Interval;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::chart::Chart;
use crate::console::Console;
use crate::controls::Controls;
use crate::editor::Editor;
use crate::presets::PRESETS;
use crate::share;
use crate::state::{Action, Playground};
use crate::views::{FilesView, GraphView, ModelsView, StateViewPanel, WindowsView};

/// The state a page opens with: a share link's, else the first preset.
fn initial() -> Playground {
    let hash = web_sys::window().and_then(|w| w.location().hash().ok());
    match hash.as_deref().and_then(share::decode) {
        Some(shared) => Playground::from_shared(shared),
        None => Playground::default(),
    }
}

/// The clock's keys, as in media players: Space plays or pauses, → steps, ← steps back, Home
/// resets. The editor keeps its keys (it stops their propagation).
fn key_action(key: &str) -> Option<Action> {
    match key {
        " " => Some(Action::Toggle),
        "ArrowRight" => Some(Action::Step),
        "ArrowLeft" => Some(Action::StepBack),
        "Home" => Some(Action::Reset),
        _ => None,
    }
}

/// The playground.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(initial);
    {
        // The interval lives exactly as long as `playing` is true (at this pace): the effect's
        // cleanup drops it.
        let dispatcher = state.dispatcher();
        use_effect_with((state.playing, state.tick_ms), move |&(playing, ms)| {
            let timer =
                playing.then(|| Interval::new(ms, move || dispatcher.dispatch(Action::Step)));
            move || drop(timer)
        });
    }
    {
        // One keydown listener on the document for the page's life; removed on unmount.
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            let listener =
                Closure::<dyn Fn(web_sys::KeyboardEvent)>::new(move |e: web_sys::KeyboardEvent| {
                    let in_field = e
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                        .is_some_and(|el| {
                            matches!(el.tag_name().as_str(), "TEXTAREA" | "INPUT" | "SELECT")
                        });
                    if in_field || e.ctrl_key() || e.meta_key() || e.alt_key() {
                        return;
                    }
                    if let Some(action) = key_action(&e.key()) {
                        e.prevent_default();
                        dispatcher.dispatch(action);
                    }
                });
            let document = web_sys::window().and_then(|w| w.document());
            if let Some(d) = &document {
                let _ = d
                    .add_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
            }
            move || {
                if let Some(d) = document {
                    let _ = d.remove_event_listener_with_callback(
                        "keydown",
                        listener.as_ref().unchecked_ref(),
                    );
                }
            }
        });
    }
    let link = use_state(|| None::<String>);
    let on_share = {
        let link = link.clone();
        let shared = state.shared();
        Callback::from(move |_: MouseEvent| {
            let fragment = share::encode(&shared);
            if let Some(w) = web_sys::window() {
                let _ = w.location().set_hash(&fragment);
                link.set(w.location().href().ok());
            }
        })
    };
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
            <Controls playing={state.playing} batch={state.batches_run()}
                batches={state.batches() as u64} tick_ms={state.tick_ms} {on_action} />
            <div class="share">
                <button data-testid="share" onclick={on_share}
                    title="Put the program and the batch shown in the page's link">{ "Share link" }</button>
                if let Some(href) = (*link).clone() {
                    <input data-testid="share-link" readonly=true value={href} aria-label="Link to this view" />
                }
            </div>
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
                <GraphView run={state.run.clone()} shown={state.batches_run() as usize} />
                <WindowsView run={state.run.clone()} shown={state.batches_run() as usize} />
                <StateViewPanel run={state.run.clone()} shown={state.batches_run() as usize} />
                <ModelsView run={state.run.clone()} shown={state.batches_run() as usize} />
                <FilesView run={state.run.clone()} shown={state.batches_run() as usize} />
            </div>
        </main>
    }
}
