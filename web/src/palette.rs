//! The operator palette: build or grow a pipeline without typing a program. Every choice is
//! written into the program as PySpark (the program stays the source of truth) and the program
//! runs again, so the graph redraws. The line a choice writes is shown before it is added.

use std::rc::Rc;

use eddy_python::compose::{self, Kind, Operation, Source, Step, GROUPS, OPERATIONS};
use eddy_python::outline::Outline;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::state::Stream;

/// Props of [`Palette`].
#[derive(Properties, PartialEq)]
pub struct PaletteProps {
    /// The program.
    pub source: AttrValue,
    /// Where the palette may write in it; `None` while the worker reads an edited program.
    pub outline: Option<Rc<Outline>>,
    /// The program's streams.
    pub streams: Rc<Vec<Stream>>,
    /// Sent with the new program, to load and run it.
    pub on_program: Callback<String>,
}

/// The sources a new pipeline can start from, as the palette lists them.
const SOURCES: &[(&str, &str)] = &[
    ("queue", "a queue of batches you write (queueStream)"),
    ("files", "files you drop (textFileStream)"),
    ("sml2010", "the SML2010 sensor data set"),
    ("orders", "the seeded order generator"),
];

/// The value of the `<select>` or `<input>` an event came from.
fn value_of(e: &Event) -> String {
    let target = e.target();
    if let Some(s) = target
        .clone()
        .and_then(|t| wasm_bindgen::JsCast::dyn_into::<HtmlSelectElement>(t).ok())
    {
        return s.value();
    }
    target
        .and_then(|t| wasm_bindgen::JsCast::dyn_into::<HtmlInputElement>(t).ok())
        .map(|i| i.value())
        .unwrap_or_default()
}

/// The value typed into an `<input>`.
fn typed(e: &InputEvent) -> String {
    let input: HtmlInputElement = e.target_unchecked_into();
    input.value()
}

/// Default arguments of `op` reading `input`.
fn defaults(op: &Operation, input: &str, streams: &[Stream]) -> Vec<String> {
    op.params
        .iter()
        .map(|p| match p.kind {
            Kind::Stream => streams
                .iter()
                .rev()
                .find(|s| s.name != input)
                .or(streams.last())
                .map(|s| s.name.clone())
                .unwrap_or_default(),
            _ => p.default.to_string(),
        })
        .collect()
}

/// The form for a new pipeline.
#[function_component(NewPipeline)]
fn new_pipeline(props: &PaletteProps) -> Html {
    let kind = use_state(|| "queue".to_string());
    let batches = use_state(|| "5".to_string());
    let rate = use_state(|| "10".to_string());
    let seed = use_state(|| "7".to_string());
    let problem = use_state(|| None::<String>);
    let number = |s: &str, what: &str, max: u32| -> Result<u32, String> {
        match s.trim().parse::<u32>() {
            Ok(n) if (1..=max).contains(&n) => Ok(n),
            _ => Err(format!("{what}: a whole number from 1 to {max}")),
        }
    };
    let write = {
        let (kind, batches, rate, seed) =
            (kind.clone(), batches.clone(), rate.clone(), seed.clone());
        let (problem, on_program) = (problem.clone(), props.on_program.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let made = (|| -> Result<String, String> {
                let n = number(&batches, "batches", 100)?;
                let source = match kind.as_str() {
                    "files" => Source::Files,
                    "sml2010" => Source::Sml2010,
                    "orders" => Source::Orders {
                        rate: number(&rate, "orders per batch", 10_000)?,
                        seed: seed
                            .trim()
                            .parse()
                            .map_err(|_| "seed: a whole number".to_string())?,
                    },
                    _ => Source::Queue,
                };
                Ok(compose::skeleton(source, n))
            })();
            match made {
                Ok(program) => {
                    problem.set(None);
                    on_program.emit(program);
                }
                Err(e) => problem.set(Some(e)),
            }
        })
    };
    let set = |h: &UseStateHandle<String>| {
        let h = h.clone();
        Callback::from(move |e: Event| h.set(value_of(&e)))
    };
    html! {
        <form class="new-pipeline" onsubmit={write} aria-labelledby="new-pipeline-title">
            <h3 id="new-pipeline-title">{ "New pipeline" }</h3>
            <p class="hint">{ "Replaces the program with a new one reading from:" }</p>
            <div class="fields">
                <label>{ "Source " }
                    <select data-testid="source-kind" onchange={set(&kind)}>
                        { for SOURCES.iter().map(|(id, label)| html! {
                            <option value={*id} selected={*kind == *id}>{ *label }</option>
                        }) }
                    </select>
                </label>
                <label>{ "Batches " }
                    <input type="number" min="1" max="100" data-testid="source-batches" value={(*batches).clone()}
                        onchange={set(&batches)} />
                </label>
                if *kind == "orders" {
                    <label>{ "Orders per batch " }
                        <input type="number" min="1" data-testid="source-rate" value={(*rate).clone()}
                            onchange={set(&rate)} />
                    </label>
                    <label>{ "Seed " }
                        <input type="number" min="0" data-testid="source-seed" value={(*seed).clone()}
                            onchange={set(&seed)} />
                    </label>
                }
            </div>
            <button type="submit" data-testid="new-pipeline">{ "Write the new program" }</button>
            if let Some(p) = &*problem {
                <p class="problem" role="alert" data-testid="new-pipeline-error">{ p }</p>
            }
        </form>
    }
}

/// The state of the "add an operation" form.
#[derive(Clone, Debug, PartialEq)]
struct Form {
    op: &'static Operation,
    input: String,
    args: Vec<String>,
    /// Function parameters being written by hand rather than picked.
    custom: Vec<bool>,
    name: String,
    pprint: bool,
}

impl Form {
    fn new(
        op: &'static Operation,
        input: String,
        streams: &[Stream],
        outline: Option<&Outline>,
    ) -> Form {
        let args = defaults(op, &input, streams);
        Form {
            custom: vec![false; args.len()],
            args,
            name: outline.map_or(op.stream.to_string(), |o| compose::fresh_name(op.stream, o)),
            pprint: true,
            input,
            op,
        }
    }
}

/// A change to the form from a field's value.
type FormEdit = Rc<dyn Fn(&mut Form, String)>;

/// The palette.
#[function_component(Palette)]
pub fn palette(props: &PaletteProps) -> Html {
    let last = props
        .streams
        .last()
        .map(|s| s.name.clone())
        .unwrap_or_default();
    let form = {
        let (streams, outline) = (props.streams.clone(), props.outline.clone());
        let last = last.clone();
        use_state(move || Form::new(&OPERATIONS[0], last, &streams, outline.as_deref()))
    };
    let problem = use_state(|| None::<String>);
    let done = use_state(|| None::<String>);
    {
        // New streams (after a step is added, or another program is loaded): start from the
        // newest, so steps chain.
        let (form, streams, outline) = (form.clone(), props.streams.clone(), props.outline.clone());
        let names: Vec<String> = props.streams.iter().map(|s| s.name.clone()).collect();
        use_effect_with(names, move |names| {
            if let Some(last) = names.last() {
                form.set(Form::new(
                    form.op,
                    last.clone(),
                    &streams,
                    outline.as_deref(),
                ));
            }
        });
    }
    let ready = props.outline.is_some();
    let names: Vec<String> = props.streams.iter().map(|s| s.name.clone()).collect();
    let unit = (props.streams.iter())
        .find(|s| s.name == form.input)
        .map(|s| s.slide)
        .unwrap_or(eddy_core::Duration(1000));
    let step = Step {
        input: form.input.clone(),
        operation: form.op.name.to_string(),
        args: form.args.clone(),
        name: form.name.clone(),
        pprint: form.pprint,
        unit,
    };
    let preview = compose::call(&step, &names).map(|call| {
        if form.op.output {
            call
        } else {
            let mut line = format!("{} = {call}", form.name);
            if form.pprint {
                line.push('\n');
                line.push_str(&compose::print_line(form.op, &form.name));
            }
            line
        }
    });
    let update = |f: FormEdit| {
        let form = form.clone();
        Callback::from(move |value: String| {
            let mut next = (*form).clone();
            f(&mut next, value);
            form.set(next);
        })
    };
    let on_op = {
        let (form, streams, outline) = (form.clone(), props.streams.clone(), props.outline.clone());
        let (done, problem) = (done.clone(), problem.clone());
        Callback::from(move |e: Event| {
            done.set(None);
            problem.set(None);
            let name = value_of(&e);
            if let Some(op) = compose::operation(&name) {
                form.set(Form::new(
                    op,
                    form.input.clone(),
                    &streams,
                    outline.as_deref(),
                ));
            }
        })
    };
    let on_input = update(Rc::new(|f, v| f.input = v)).reform(|e: Event| value_of(&e));
    let on_name = update(Rc::new(|f, v| f.name = v)).reform(|e: InputEvent| typed(&e));
    let on_pprint = update(Rc::new(|f, _| f.pprint = !f.pprint)).reform(|_: Event| String::new());
    let add = {
        let (source, outline, names) = (props.source.clone(), props.outline.clone(), names.clone());
        let (problem, on_program, step) = (problem.clone(), props.on_program.clone(), step.clone());
        let done = done.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(outline) = &outline else { return };
            match compose::add_step(&source, outline, &names, &step) {
                Ok(program) => {
                    problem.set(None);
                    done.set(Some(format!(
                        "Added {}.{}(…) to the program (marked in its margin) and ran it.",
                        step.input, step.operation
                    )));
                    on_program.emit(program);
                }
                Err(e) => {
                    done.set(None);
                    problem.set(Some(e.to_string()));
                }
            }
        })
    };
    let params = form.op.params.iter().enumerate().map(|(i, p)| {
        let id = format!("palette-param-{i}");
        let value = form.args.get(i).cloned().unwrap_or_default();
        let set_arg = update(Rc::new(move |f: &mut Form, v: String| f.args[i] = v));
        match p.kind {
            Kind::Func(choices) => {
                let custom = form.custom.get(i).copied().unwrap_or(false)
                    || !(value.is_empty() && p.optional || choices.iter().any(|c| c.source == value));
                let picked = {
                    let form = form.clone();
                    Callback::from(move |e: Event| {
                        let v = value_of(&e);
                        let mut next = (*form).clone();
                        if v == "\u{0}custom" {
                            next.custom[i] = true;
                            if next.args[i].is_empty() {
                                next.args[i] = "lambda x: x".into();
                            }
                        } else {
                            next.custom[i] = false;
                            next.args[i] = v;
                        }
                        form.set(next);
                    })
                };
                html! {
                    <div class="param">
                        <label>{ format!("{} ", p.label) }
                            <select data-testid={id.clone()} onchange={picked}>
                                if p.optional {
                                    <option value="" selected={!custom && value.is_empty()}>{ "none" }</option>
                                }
                                { for choices.iter().map(|c| html! {
                                    <option value={c.source} selected={!custom && c.source == value}>
                                        { format!("{} — {}", c.source, c.says) }
                                    </option>
                                }) }
                                <option value={"\u{0}custom"} selected={custom}>{ "your own function…" }</option>
                            </select>
                        </label>
                        if custom {
                            <input class="mono" data-testid={format!("palette-lambda-{i}")} value={value}
                                aria-label={format!("{}: your function, e.g. lambda x: x + 1", p.label)}
                                spellcheck="false" oninput={set_arg.reform(|e: InputEvent| typed(&e))} />
                        }
                    </div>
                }
            }
            Kind::Stream => html! {
                <div class="param">
                    <label>{ format!("{} ", p.label) }
                        <select data-testid={id} onchange={set_arg.reform(|e: Event| value_of(&e))}>
                            { for names.iter().map(|n| html! {
                                <option value={n.clone()} selected={*n == value}>{ n }</option>
                            }) }
                        </select>
                    </label>
                </div>
            },
            Kind::Slides | Kind::Int => {
                let hint = (p.kind == Kind::Slides).then(|| {
                    let n = value.parse::<i64>().unwrap_or(0);
                    format!(" = {} s", compose::secs(eddy_core::Duration(unit.millis() * n)))
                });
                html! {
                    <div class="param">
                        <label>{ format!("{} ", p.label) }
                            <input type="number" min="1" data-testid={id} value={value.clone()}
                                placeholder={if p.optional { "default" } else { "" }}
                                oninput={set_arg.reform(|e: InputEvent| typed(&e))} />
                            if let Some(h) = hint { <span class="unit">{ h }</span> }
                        </label>
                    </div>
                }
            }
            Kind::Text => html! {
                <div class="param">
                    <label>{ format!("{} ", p.label) }
                        <input data-testid={id} value={value.clone()}
                            oninput={set_arg.reform(|e: InputEvent| typed(&e))} />
                    </label>
                </div>
            },
        }
    });
    html! {
        <section class="panel palette-panel" aria-labelledby="palette-title" data-testid="palette">
            <h2 id="palette-title">{ "Build a pipeline" }</h2>
            <NewPipeline source={props.source.clone()} outline={props.outline.clone()}
                streams={props.streams.clone()} on_program={props.on_program.clone()} />
            <form class="add-step" onsubmit={add} aria-labelledby="add-step-title">
                <h3 id="add-step-title">{ "Add an operation" }</h3>
                if names.is_empty() {
                    <p class="hint">{ "The program has no stream yet: start a new pipeline above, or run the program." }</p>
                } else {
                    <div class="fields">
                        <label>{ "Input stream " }
                            <select data-testid="palette-input" onchange={on_input}>
                                { for names.iter().map(|n| html! {
                                    <option value={n.clone()} selected={*n == form.input}>{ n }</option>
                                }) }
                            </select>
                        </label>
                        <label>{ "Operation " }
                            <select data-testid="palette-op" onchange={on_op}>
                                { for GROUPS.iter().enumerate().map(|(g, group)| html! {
                                    <optgroup label={*group}>
                                        { for OPERATIONS.iter().filter(|o| o.group == g).map(|o| html! {
                                            <option value={o.name} selected={o.name == form.op.name}>{ o.name }</option>
                                        }) }
                                    </optgroup>
                                }) }
                            </select>
                        </label>
                    </div>
                    <p class="says" data-testid="palette-says">
                        <strong>{ form.op.name }</strong>{ ": " }{ form.op.says }
                        if form.op.keyed { { " — needs (key, value) records" } }
                        if form.op.needs_checkpoint(&form.args) { { " — adds ssc.checkpoint(...), which Spark needs for it" } }
                    </p>
                    <div class="params">{ for params }</div>
                    if !form.op.output {
                        <div class="fields">
                            <label>{ "New stream's name " }
                                <input data-testid="palette-name" value={form.name.clone()} spellcheck="false"
                                    oninput={on_name} />
                            </label>
                            <label class="check">
                                <input type="checkbox" data-testid="palette-pprint" checked={form.pprint}
                                    onchange={on_pprint} />
                                { " print it each batch (pprint)" }
                                if form.op.print_as.is_some() { { ", its values sorted into lists" } }
                            </label>
                        </div>
                    }
                    <figure class="preview">
                        <figcaption>{ "Adds before ssc.start():" }</figcaption>
                        { match &preview {
                            Ok(code) => html! { <pre class="mono" data-testid="palette-preview">{ code }</pre> },
                            Err(e) => html! { <p class="problem" data-testid="palette-preview">{ e.to_string() }</p> },
                        } }
                    </figure>
                    <button type="submit" class="primary" data-testid="palette-add" disabled={!ready || preview.is_err()}
                        title={if ready { "Write this line into the program and run it" } else { "Reading the edited program…" }}>
                        { "Add to program ▸" }
                    </button>
                }
                if let Some(p) = &*problem {
                    <p class="problem" role="alert" data-testid="palette-error">{ p }</p>
                }
                <p class="hint" role="status" data-testid="palette-done">{ (*done).clone().unwrap_or_default() }</p>
            </form>
        </section>
    }
}
