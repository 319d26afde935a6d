//! The top-level component: state, the timer, and the panels.

use std::rc::Rc;

use gloo_timers::callback::{Interval, Timeout};
use gloo_worker::Spawnable;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::chart::Chart;
use crate::console::Console;
use crate::controls::Controls;
use crate::csv::CsvDownload;
use crate::drop::{DropFiles, Dropped};
use crate::editor::Editor;
use crate::embed::{iframe_code, Layout};
use crate::export::ExportButton;
use crate::inputs::QueueInputs;
use crate::palette::Palette;
use crate::presets::PRESETS;
use crate::share;
use crate::state::{Action, Playground};
use crate::views::{FilesView, GraphView, ModelsView, StateViewPanel, WindowsView};
use crate::worker::{read_inputs, unreadable, Json, Ran, RunRequest, RunWorker};

/// Files dropped on the page, one per batch.
type Drops = Rc<Vec<Dropped>>;

/// The dropped files as the worker reads them: `(name, object URL)`.
fn inputs(drops: &[Dropped]) -> Vec<(String, String)> {
    drops
        .iter()
        .map(|d| (d.name.clone(), d.url.clone()))
        .collect()
}

/// The page's layout, from its query string (embed mode).
fn layout() -> Layout {
    let query = web_sys::window().and_then(|w| w.location().search().ok());
    Layout::from_query(query.as_deref().unwrap_or(""))
}

/// What a page opens with: a share link's program and batch, else the preset the query
/// names, else the first preset.
fn opening() -> share::Shared {
    let hash = web_sys::window().and_then(|w| w.location().hash().ok());
    if let Some(shared) = hash.as_deref().and_then(share::decode) {
        return shared;
    }
    let preset = layout()
        .preset
        .as_deref()
        .and_then(|id| PRESETS.iter().position(|p| p.id == id))
        .unwrap_or(0);
    share::Shared {
        preset,
        batch: 0,
        source: PRESETS[preset].source.to_string(),
    }
}

/// Runs a program with its dropped files' texts on the page's thread (`true`: without batches)
/// and outlines it, as the worker does.
pub type Runner = fn(&str, &[(String, String)], bool) -> Ran;

/// Props of [`App`].
#[derive(Properties, Default)]
pub struct AppProps {
    /// Run programs with this function on the page's thread instead of in the Web Worker
    /// (`eddy-worker.js`, built by trunk). Component tests, which have no worker script, pass
    /// [`crate::worker::serve`]. The page itself leaves it out, so its bundle carries neither
    /// the interpreter nor the parser: only the worker's does.
    #[prop_or_default]
    pub runner: Option<Runner>,
}

impl PartialEq for AppProps {
    /// The runner is fixed for the page's life: only whether there is one matters.
    fn eq(&self, other: &Self) -> bool {
        self.runner.is_some() == other.runner.is_some()
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
pub fn app(props: &AppProps) -> Html {
    let runner = props.runner;
    let worker = runner.is_none();
    let state = use_reducer(move || {
        let open = opening();
        Playground::pending(open.preset, open.source)
    });
    // Sends a program to the worker (or the runner); its run comes back as `Action::Loaded`.
    let bridge = use_memo((), move |_| {
        worker.then(|| {
            RunWorker::spawner()
                .encoding::<Json>()
                .spawn("eddy-worker.js")
        })
    });
    // Sends a request to the worker (or the runner) and hands its answer to `done`.
    let send = {
        let bridge = bridge.clone();
        move |request: RunRequest, done: Box<dyn FnOnce(Ran)>| {
            let Some(bridge) = bridge.as_ref() else {
                if let Some(run) = runner {
                    wasm_bindgen_futures::spawn_local(async move {
                        done(match read_inputs(&request.drops).await {
                            Ok(texts) => run(&request.source, &texts, request.sketch),
                            Err(e) => Ran {
                                run: unreadable(e),
                                outline: Default::default(),
                            },
                        })
                    });
                }
                return;
            };
            let mut bridge = bridge.fork();
            wasm_bindgen_futures::spawn_local(async move { done(bridge.run(request).await) });
        }
    };
    let request = {
        let dispatcher = state.dispatcher();
        let send = send.clone();
        Callback::from(
            move |(preset, source, drops, shown): (usize, String, Drops, usize)| {
                dispatcher.dispatch(Action::Start {
                    preset,
                    source: source.clone(),
                    drops: drops.clone(),
                    shown,
                });
                let dispatcher = dispatcher.clone();
                let request = RunRequest {
                    source: source.clone(),
                    drops: inputs(&drops),
                    base: crate::data::page_base(),
                    sketch: false,
                };
                send(
                    request,
                    Box::new(move |ran: Ran| {
                        dispatcher.dispatch(Action::Loaded {
                            source,
                            run: Rc::new(ran.run),
                            outline: Rc::new(ran.outline),
                        })
                    }),
                );
            },
        )
    };
    {
        // While the program is typed, its pipeline is built again (no batches) half a second
        // after the last keystroke: the graph and the palette follow the text. The timer is
        // dropped by the next keystroke's effect.
        let dispatcher = state.dispatcher();
        let send = send.clone();
        let pending = state.edited() && state.outline().is_none() && !state.running;
        let drops = state.drops.clone();
        use_effect_with(state.source.clone(), move |source| {
            let source = source.clone();
            let timer = pending.then(|| {
                Timeout::new(500, move || {
                    let request = RunRequest {
                        source: source.clone(),
                        drops: inputs(&drops),
                        base: crate::data::page_base(),
                        sketch: true,
                    };
                    send(
                        request,
                        Box::new(move |ran: Ran| {
                            dispatcher.dispatch(Action::Sketched {
                                source,
                                run: Rc::new(ran.run),
                                outline: Rc::new(ran.outline),
                            })
                        }),
                    );
                })
            });
            move || drop(timer)
        });
    }
    {
        // The opening program's first run.
        let request = request.clone();
        use_effect_with((), move |_| {
            let open = opening();
            request.emit((open.preset, open.source, Rc::default(), open.batch));
        });
    }
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
    // Runs a program with the files dropped so far: the editor's Run, the palette, the Inputs.
    // The lines that differ from the program before are marked in the editor.
    let run_program = {
        let (request, preset, drops) = (request.clone(), state.preset, state.drops.clone());
        let (dispatcher, before) = (state.dispatcher(), state.source.clone());
        Callback::from(move |source: String| {
            let marked = crate::state::changed_lines(&before, &source);
            request.emit((preset, source, drops.clone(), 0));
            dispatcher.dispatch(Action::Mark(marked));
        })
    };
    let on_run = {
        let (run_program, source) = (run_program.clone(), state.source.clone());
        Callback::from(move |()| run_program.emit(source.clone()))
    };
    let on_preset = {
        let request = request.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Ok(i) = select.value().parse::<usize>() {
                let i = i.min(PRESETS.len() - 1);
                request.emit((i, PRESETS[i].source.to_string(), Rc::default(), 0));
            }
        })
    };
    let shown = state.batches_run() as usize;
    let edited = PRESETS
        .get(state.preset)
        .is_none_or(|p| p.source != state.source);
    let on_drop = {
        let (request, preset, source) = (request.clone(), state.preset, state.source.clone());
        Callback::from(move |files| request.emit((preset, source.clone(), Rc::new(files), 0)))
    };
    let panel = |name: &str| layout.shows(name);
    let outline = state.outline();
    let streams = Rc::new(state.streams());
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
                                <option value={i.to_string()} selected={i == state.preset && !edited}>{ p.title }</option>
                            }) }
                            // Once the program is no longer the preset's (typed, built with the palette,
                            // opened from a link), the picker says so instead of naming a preset it is
                            // not. Last, so the presets keep their positions.
                            if edited {
                                <option value="edited" disabled=true selected=true>
                                    { "Your program (edited)" }
                                </option>
                            }
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
                    <ExportButton source={state.source.clone()} preset={state.preset} />
                    if let Some(href) = (*link).clone() {
                        <input data-testid="share-link" readonly=true value={href} aria-label="Link to this view" />
                    }
                    if let Some(code) = (*embed_code).clone() {
                        <input data-testid="embed-code" readonly=true value={code} aria-label="Embed code" />
                    }
                </div>
            }
            if state.running {
                <p class="running" role="status" data-testid="running">{ "Running the program…" }</p>
            }
            if !errors.is_empty() {
                <div class="error" role="alert" data-testid="error">
                    { for errors.iter().map(|e| html! { <p>{ e }</p> }) }
                </div>
            }
            <div class="panels">
                if panel("editor") {
                    <Editor source={AttrValue::from(state.source.clone())} error_line={state.error_line()}
                        marked={state.marked.clone()} {on_edit} {on_run} />
                }
                if panel("console") {
                    <Console text={AttrValue::from(state.console().to_string())}>
                        <CsvDownload run={state.run.clone()} {shown} />
                    </Console>
                }
                if panel("chart") {
                    <Chart title="Records per batch" values={state.input_records()} />
                }
                // Building comes after the run's console and chart, next to the graph it changes.
                if panel("palette") {
                    <Palette source={AttrValue::from(state.source.clone())} outline={outline.clone()}
                        streams={streams} on_program={run_program.clone()} />
                }
                if panel("inputs") {
                    <QueueInputs source={AttrValue::from(state.source.clone())} outline={outline.clone()}
                        on_program={run_program.clone()} />
                    <DropFiles files={state.drops.clone()} on_files={on_drop} />
                }
                if panel("graph") {
                    if state.sketch.is_some() {
                        <GraphView run={state.latest()} shown={0} sketch={true} />
                    } else {
                        <GraphView run={state.run.clone()} {shown} />
                    }
                }
                if panel("windows") { <WindowsView run={state.run.clone()} {shown} /> }
                if panel("state") { <StateViewPanel run={state.run.clone()} {shown} /> }
                if panel("models") { <ModelsView run={state.run.clone()} {shown} /> }
                if panel("files") { <FilesView run={state.run.clone()} {shown} /> }
            </div>
        </main>
    }
}
