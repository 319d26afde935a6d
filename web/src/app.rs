//! The top-level component: state, the timer, and the panels.

use gloo_timers::callback::Interval;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::chart::Chart;
use crate::console::Console;
use crate::controls::Controls;
use crate::drop::DropFiles;
use crate::editor::Editor;
use crate::embed::{iframe_code, Layout};
use crate::presets::PRESETS;
use crate::share;
use crate::state::{Action, Playground};
use crate::views::{FilesView, GraphView, ModelsView, StateViewPanel, WindowsView};

/// The page's layout, from its query string (embed mode).
fn layout() -> Layout {
    let query = web_sys::window().and_then(|w| w.location().search().ok());
    Layout::from_query(query.as_deref().unwrap_or(""))
}

/// The state a page opens with: a share link's, else the preset the query names, else the
/// first preset.
fn initial() -> Playground {
    let hash = web_sys::window().and_then(|w| w.location().hash().ok());
    if let Some(shared) = hash.as_deref().and_then(share::decode) {
        return Playground::from_shared(shared);
    }
    let preset = layout()
        .preset
        .as_deref()
        .and_then(|id| PRESETS.iter().position(|p| p.id == id));
    Playground::with_preset(preset.unwrap_or(0))
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
    let layout = use_memo((), |_| layout());
    let embed_code = use_state(|| None::<String>);
    let on_embed = {
        let embed_code = embed_code.clone();
        let preset = PRESETS[state.preset].id;
        Callback::from(move |_: MouseEvent| {
            let page = web_sys::window()
                .and_then(|w| w.location().href().ok())
                .map(|h| h.split(['?', '#']).next().unwrap_or("").to_string())
                .unwrap_or_default();
            embed_code.set(Some(iframe_code(
                &page,
                preset,
                &["console", "chart", "windows"],
            )));
        })
    };
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
    let shown = state.batches_run() as usize;
    let on_drop = {
        let dispatcher = state.dispatcher();
        Callback::from(move |files| dispatcher.dispatch(Action::Drop(files)))
    };
    let panel = |name: &str| layout.shows(name);
    html! {
        <main class={classes!("app", layout.embed.then_some("embed"))}>
            if layout.embed {
                <header class="embed-head">
                    <a href={format!("index.html?preset={}", PRESETS[state.preset].id)} target="_blank"
                        rel="noopener">{ "Eddy ↗" }</a>
                    <span class="tagline">{ PRESETS[state.preset].title }</span>
                </header>
            } else {
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
            }
            <Controls playing={state.playing} batch={state.batches_run()}
                batches={state.batches() as u64} tick_ms={state.tick_ms} {on_action} />
            if !layout.embed {
                <div class="share">
                    <button data-testid="share" onclick={on_share}
                        title="Put the program and the batch shown in the page's link">{ "Share link" }</button>
                    <button data-testid="embed" onclick={on_embed}
                        title="HTML to embed this example in a course page">{ "Embed code" }</button>
                    if let Some(href) = (*link).clone() {
                        <input data-testid="share-link" readonly=true value={href} aria-label="Link to this view" />
                    }
                    if let Some(code) = (*embed_code).clone() {
                        <input data-testid="embed-code" readonly=true value={code} aria-label="Embed code" />
                    }
                </div>
            }
            if !errors.is_empty() {
                <div class="error" role="alert" data-testid="error">
                    { for errors.iter().map(|e| html! { <p>{ e }</p> }) }
                </div>
            }
            <div class="panels">
                if panel("editor") {
                    <Editor source={AttrValue::from(state.source.clone())} error_line={state.error_line()}
                        {on_edit} {on_run} />
                }
                if panel("inputs") {
                    <DropFiles files={state.drops.clone()} on_files={on_drop} />
                }
                if panel("console") {
                    <Console text={AttrValue::from(state.console().to_string())} />
                }
                if panel("chart") {
                    <Chart title="Records per batch" values={state.input_records()} />
                }
                if panel("graph") { <GraphView run={state.run.clone()} {shown} /> }
                if panel("windows") { <WindowsView run={state.run.clone()} {shown} /> }
                if panel("state") { <StateViewPanel run={state.run.clone()} {shown} /> }
                if panel("models") { <ModelsView run={state.run.clone()} {shown} /> }
                if panel("files") { <FilesView run={state.run.clone()} {shown} /> }
            </div>
        </main>
    }
}
