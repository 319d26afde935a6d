//! What the program's run looks like inside, at the batch shown: the pipeline as a graph with
//! the records on each edge, keyed state, windows, models and files. Each view is text or a
//! table (readable by screen readers) with colour only as an extra cue.

use std::rc::Rc;

use eddy_core::report::{StepReport, WindowPath};
use eddy_core::{BatchTime, PipelineSpec};
use eddy_python::RunOutput;
use yew::prelude::*;

use crate::model_charts::{KMeansScatter, MseChart, ParamsChart};
use crate::state_chart::StateOverTime;
use crate::window_zeros::zero_keys_note;

/// Props of the views: the run and how many batches are shown.
#[derive(Properties, PartialEq)]
pub struct ViewProps {
    /// The program's run.
    pub run: Rc<RunOutput>,
    /// Batches shown (the report of batch `shown` is the current one).
    pub shown: usize,
    /// The run is a sketch of an edited program: its pipeline, no batches yet.
    #[prop_or_default]
    pub sketch: bool,
}

fn current(props: &ViewProps) -> Option<&StepReport> {
    props
        .shown
        .checked_sub(1)
        .and_then(|i| props.run.reports.get(i))
}

/// The batch number (1-based) of a batch time.
fn batch_of(t: BatchTime, spec: &PipelineSpec) -> i64 {
    t.0 / spec.batch_interval.millis().max(1)
}

/// The pipeline as layers of operators, sources first, each with the records it produced in
/// the batch shown.
#[function_component(GraphView)]
pub fn graph_view(props: &ViewProps) -> Html {
    let Some(spec) = &props.run.pipeline else {
        return html! {};
    };
    let report = current(props);
    // Layer = longest path from a source, so every edge points down.
    let mut layer = vec![0usize; spec.nodes.len()];
    for (i, n) in spec.nodes.iter().enumerate() {
        layer[i] = n
            .inputs
            .iter()
            .map(|p| layer[p.0 as usize] + 1)
            .max()
            .unwrap_or(0);
    }
    let depth = layer.iter().copied().max().unwrap_or(0);
    let records = |i: usize| -> String {
        match report.and_then(|r| r.records.get(i).copied().flatten()) {
            Some(n) => format!("{n} rec"),
            None if report.is_some() => "no RDD".into(),
            None => "–".into(),
        }
    };
    html! {
        <section class="panel graph-panel" aria-labelledby="graph-title">
            <h2 id="graph-title">{ "Pipeline" }</h2>
            if props.sketch {
                <p class="hint" role="status" data-testid="graph-sketch">
                    { "The edited program's pipeline: run it (Run ▸) to see the records on each step." }
                </p>
            }
            <ol class="graph" data-testid="graph">
                { for (0..=depth).map(|d| html! {
                    <li class="layer">
                        { for spec.nodes.iter().enumerate().filter(|(i, _)| layer[*i] == d).map(|(i, n)| {
                            let from: Vec<String> = n.inputs.iter().map(|p| format!("#{}", p.0)).collect();
                            let class = if n.op.is_output() { "node output" } else { "node" };
                            html! {
                                <div class={class} title={format!("{:?}", n.op)}>
                                    <span class="id">{ format!("#{i}") }</span>
                                    if let Some((name, _)) = props.run.streams.iter().find(|s| s.1 as usize == i) {
                                        <span class="stream-name">{ format!("{name} =") }</span>
                                    }
                                    <strong>{ n.op.name() }</strong>
                                    if !from.is_empty() {
                                        <span class="from">{ format!("← {}", from.join(", ")) }</span>
                                    }
                                    if !n.op.is_output() {
                                        <span class="records">{ records(i) }</span>
                                    }
                                </div>
                            }
                        }) }
                    </li>
                }) }
            </ol>
        </section>
    }
}

/// Keyed state (`updateStateByKey`) after the batch shown: the keys and values, with the keys
/// that changed, are new, or were deleted.
#[function_component(StateViewPanel)]
pub fn state_view(props: &ViewProps) -> Html {
    let Some(report) = current(props) else {
        return html! {};
    };
    if report.states.is_empty() {
        return html! {};
    }
    html! {
        <section class="panel state-panel" aria-labelledby="state-title">
            <h2 id="state-title">{ "State" }</h2>
            <StateOverTime run={props.run.clone()} shown={props.shown} />
            { for report.states.iter().map(|(node, view)| html! {
                <table class="state" data-testid="state">
                    <caption>{ format!("updateStateByKey #{} — {} keys, {} changed, {} new, {} deleted",
                        node.0, view.total, view.changed_count, view.added_count, view.deleted_count) }</caption>
                    <thead><tr><th scope="col">{ "key" }</th><th scope="col">{ "state" }</th><th scope="col">{ "" }</th></tr></thead>
                    <tbody>
                        { for view.entries.iter().map(|(k, v)| {
                            let mark = if view.added.contains(k) { "new" } else if view.changed.contains(k) { "changed" } else { "" };
                            html! { <tr class={mark}><td>{ k }</td><td>{ v }</td><td>{ mark }</td></tr> }
                        }) }
                        { for view.deleted.iter().map(|k| html! {
                            <tr class="deleted"><td><s>{ k }</s></td><td>{ "—" }</td><td>{ "deleted" }</td></tr>
                        }) }
                    </tbody>
                </table>
            }) }
        </section>
    }
}

/// Windows computed in the batch shown: which batches each covers, which entered and left,
/// and whether Spark took the incremental (inverse) path or recomputed.
#[function_component(WindowsView)]
pub fn windows_view(props: &ViewProps) -> Html {
    let (Some(report), Some(spec)) = (current(props), &props.run.pipeline) else {
        return html! {};
    };
    if report.windows.is_empty() {
        return html! {};
    }
    let last = props.shown as i64;
    html! {
        <section class="panel windows-panel" aria-labelledby="windows-title">
            <h2 id="windows-title">{ "Windows" }</h2>
            { for report.windows.iter().map(|(node, w)| {
                let covered: Vec<i64> = w.covers.iter().map(|t| batch_of(*t, spec)).collect();
                let (path, left, entered) = match &w.path {
                    WindowPath::Recompute => ("recomputed from its batches", Vec::new(), Vec::new()),
                    WindowPath::Incremental { left, entered } => (
                        "incremental: previous window − left + entered (inverse function)",
                        left.iter().map(|t| batch_of(*t, spec)).collect(),
                        entered.iter().map(|t| batch_of(*t, spec)).collect(),
                    ),
                };
                html! {
                    <div class="window" data-testid="windows">
                        <p>{ format!("#{} {} — covers batches {}; {}", node.0,
                            spec.nodes[node.0 as usize].op.name(),
                            if covered.is_empty() { "none".to_string() } else {
                                format!("{}–{}", covered[0], covered[covered.len() - 1]) },
                            path) }</p>
                        <ol class="ribbon" aria-label="batches">
                            { for (1..=last).map(|b| {
                                let class = if entered.contains(&b) { "in entered" }
                                    else if left.contains(&b) { "left" }
                                    else if covered.contains(&b) { "in" } else { "" };
                                html! { <li class={class} title={format!("batch {b}: {class}")}>{ b }</li> }
                            }) }
                        </ol>
                        { zero_keys_note(report, *node) }
                    </div>
                }
            }) }
        </section>
    }
}

/// Streaming models after the batch shown: weights (or centres), and how training went.
#[function_component(ModelsView)]
pub fn models_view(props: &ViewProps) -> Html {
    let reports: Vec<&StepReport> = props.run.reports.iter().take(props.shown).collect();
    if reports.iter().all(|r| r.models.is_empty()) {
        return html! {};
    }
    html! {
        <section class="panel models-panel" aria-labelledby="models-title">
            <h2 id="models-title">{ "Models" }</h2>
            <MseChart run={props.run.clone()} shown={props.shown} />
            <KMeansScatter run={props.run.clone()} shown={props.shown} />
            <ParamsChart run={props.run.clone()} shown={props.shown} />
            <table class="models" data-testid="models">
                <thead><tr>
                    <th scope="col">{ "batch" }</th><th scope="col">{ "model" }</th>
                    <th scope="col">{ "weights / centres" }</th><th scope="col">{ "training" }</th>
                </tr></thead>
                <tbody>
                    { for reports.iter().enumerate().flat_map(|(b, r)| r.models.iter().map(move |m| {
                        let params = if m.centers.is_empty() {
                            format!("{:?}", m.weights)
                        } else {
                            format!("{:?} (weights {:?})", m.centers, m.cluster_weights)
                        };
                        let training = match &m.training {
                            Some(t) if !t.loss.is_empty() => format!("{} points, {} iterations{}, loss {:.6}",
                                t.points, t.iterations, if t.converged { " (converged)" } else { "" },
                                t.loss[t.loss.len() - 1]),
                            Some(t) => format!("{} points", t.points),
                            None => "—".into(),
                        };
                        html! { <tr><td>{ b + 1 }</td><td>{ format!("{} #{}", m.algorithm, m.model) }</td>
                            <td class="mono">{ params }</td><td>{ training }</td></tr> }
                    })) }
                </tbody>
            </table>
        </section>
    }
}

/// Files the program and `saveAsTextFiles` wrote, each downloadable.
#[function_component(FilesView)]
pub fn files_view(props: &ViewProps) -> Html {
    if props.run.files.is_empty() {
        return html! {};
    }
    html! {
        <section class="panel files-panel" aria-labelledby="files-title">
            <h2 id="files-title">{ "Files" }</h2>
            <ul class="files" data-testid="files">
                { for props.run.files.iter().map(|(path, data)| {
                    let text = String::from_utf8_lossy(data);
                    let href = format!("data:text/plain;charset=utf-8,{}", js_sys_encode(&text));
                    let name = path.rsplit('/').next().unwrap_or(path).to_string();
                    html! { <li><a href={href} download={name}>{ path }</a>
                        <span class="size">{ format!(" ({} bytes)", data.len()) }</span></li> }
                }) }
            </ul>
        </section>
    }
}

/// Percent-encodes text for a `data:` URL.
fn js_sys_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~ ".contains(&b) {
            out.push(if b == b' ' { ' ' } else { b as char });
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out.replace(' ', "%20")
}
