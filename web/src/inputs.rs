//! The program's inputs: the queue batches of a `queueStream` program as editable rows, one
//! batch per row as a Python value, and the numbers it sets at its top level (a generator's rate
//! and seed). Applying writes them back where they came from and runs the program. A queue whose
//! batches the program computes says why it cannot be edited here.

use std::rc::Rc;

use eddy_python::outline::Outline;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Props of [`QueueInputs`].
#[derive(Properties, PartialEq)]
pub struct QueueProps {
    /// The program.
    pub source: AttrValue,
    /// Its outline, with its queues; `None` while the worker reads an edited program.
    pub outline: Option<Rc<Outline>>,
    /// Sent with the program with new batches, to load and run it.
    pub on_program: Callback<String>,
}

/// A change to one queue's rows.
type RowsEdit = Rc<dyn Fn(&mut Vec<String>)>;

/// The rows of every queue of `outline` (empty for a queue that cannot be edited).
fn rows_of(outline: Option<&Outline>) -> Vec<Vec<String>> {
    outline.map_or_else(Vec::new, |o| {
        (o.queues.iter())
            .map(|q| {
                q.batches
                    .as_ref()
                    .map(|b| b.rows.clone())
                    .unwrap_or_default()
            })
            .collect()
    })
}

/// The values of every setting of `outline`.
fn settings_of(outline: Option<&Outline>) -> Vec<String> {
    outline.map_or_else(Vec::new, |o| {
        o.settings.iter().map(|s| s.value.clone()).collect()
    })
}

/// The queues' batches.
#[function_component(QueueInputs)]
pub fn queue_inputs(props: &QueueProps) -> Html {
    let rows = {
        let outline = props.outline.clone();
        use_state(move || rows_of(outline.as_deref()))
    };
    let problem = use_state(|| None::<(usize, String)>);
    let settings = {
        let outline = props.outline.clone();
        use_state(move || settings_of(outline.as_deref()))
    };
    let settings_problem = use_state(|| None::<String>);
    {
        // Another program (or the same after a run): its rows replace the ones being edited.
        let (rows, problem) = (rows.clone(), problem.clone());
        let (settings, settings_problem) = (settings.clone(), settings_problem.clone());
        use_effect_with(props.outline.clone(), move |outline| {
            if outline.is_some() {
                rows.set(rows_of(outline.as_deref()));
                settings.set(settings_of(outline.as_deref()));
                problem.set(None);
                settings_problem.set(None);
            }
        });
    }
    let Some(outline) = props.outline.clone() else {
        return html! {
            <section class="panel queue-panel" aria-labelledby="queue-title">
                <h2 id="queue-title">{ "Inputs" }</h2>
                <p class="hint" role="status">{ "Reading the edited program…" }</p>
            </section>
        };
    };
    if outline.queues.is_empty() && outline.settings.is_empty() {
        return html! {};
    }
    let apply_settings = {
        let (source, outline, settings) = (props.source.clone(), outline.clone(), settings.clone());
        let (problem, on_program) = (settings_problem.clone(), props.on_program.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match eddy_python::compose::set_settings(&source, &outline, &settings) {
                Ok(program) => {
                    problem.set(None);
                    on_program.emit(program);
                }
                Err(e) => problem.set(Some(e.to_string())),
            }
        })
    };
    let setting_fields = outline.settings.iter().enumerate().map(|(i, s)| {
        let set = {
            let settings = settings.clone();
            Callback::from(move |e: InputEvent| {
                let input: HtmlInputElement = e.target_unchecked_into();
                let mut next = (*settings).clone();
                if let Some(v) = next.get_mut(i) {
                    *v = input.value();
                }
                settings.set(next);
            })
        };
        html! {
            <label>
                <span class="mono">{ format!("{} = ", s.name) }</span>
                <input class="mono setting" data-testid={format!("setting-{}", s.name)} spellcheck="false"
                    value={settings.get(i).cloned().unwrap_or_default()} oninput={set} />
                if let Some(c) = &s.comment { <span class="unit">{ format!(" # {c}") }</span> }
            </label>
        }
    });
    let edit = |q: usize, f: RowsEdit| {
        let rows = rows.clone();
        Callback::from(move |_| {
            let mut next = (*rows).clone();
            if let Some(r) = next.get_mut(q) {
                f(r);
            }
            rows.set(next);
        })
    };
    let queues = outline.queues.iter().enumerate().map(|(q, queue)| {
        let title = match &queue.name {
            Some(n) => format!("{n} = queueStream(…), line {}", queue.line),
            None => format!("queueStream(…) on line {}", queue.line),
        };
        let why = queue.locked.as_deref().unwrap_or("its batches are not a list");
        let body = match &queue.batches {
            None => html! {
                <p class="hint" data-testid={format!("queue-{q}-locked")}>
                    { format!("Not editable here: {why}. {}", if outline.settings.is_empty() {
                        "Edit its batches in the program."
                    } else {
                        "The numbers below change what the program generates."
                    }) }
                </p>
            },
            Some(batches) => {
                let mine = rows.get(q).cloned().unwrap_or_default();
                let apply = {
                    let (source, outline, rows) = (props.source.clone(), outline.clone(), rows.clone());
                    let (problem, on_program) = (problem.clone(), props.on_program.clone());
                    Callback::from(move |e: SubmitEvent| {
                        e.prevent_default();
                        let mine = rows.get(q).cloned().unwrap_or_default();
                        match eddy_python::compose::set_queue(&source, &outline, q, &mine) {
                            Ok(program) => {
                                problem.set(None);
                                on_program.emit(program);
                            }
                            Err(e) => problem.set(Some((q, e.to_string()))),
                        }
                    })
                };
                html! {
                    <form onsubmit={apply} aria-label={format!("Batches of {title}")}>
                        if let Some(via) = &batches.via {
                            <p class="hint">{ "Each row becomes a batch through " }<code>{ via }</code></p>
                        }
                        <ol class="queue-rows">
                            { for mine.iter().enumerate().map(|(i, row)| {
                                let set = {
                                    let rows = rows.clone();
                                    Callback::from(move |e: InputEvent| {
                                        let input: HtmlInputElement = e.target_unchecked_into();
                                        let mut next = (*rows).clone();
                                        if let Some(r) = next.get_mut(q).and_then(|r| r.get_mut(i)) {
                                            *r = input.value();
                                        }
                                        rows.set(next);
                                    })
                                };
                                let remove = edit(q, Rc::new(move |r: &mut Vec<String>| {
                                    if i < r.len() {
                                        r.remove(i);
                                    }
                                }));
                                html! {
                                    <li>
                                        <label>
                                            <span class="batch-label">{ format!("batch {}", i + 1) }</span>
                                            <input class="mono" data-testid={format!("queue-{q}-batch-{i}")} value={row.clone()}
                                                spellcheck="false" oninput={set} />
                                        </label>
                                        <button type="button" class="icon" onclick={remove}
                                            aria-label={format!("Remove batch {}", i + 1)} title="Remove this batch">{ "✕" }</button>
                                    </li>
                                }
                            }) }
                        </ol>
                        <div class="fields">
                            <button type="button" data-testid={format!("queue-{q}-add")}
                                onclick={edit(q, Rc::new(|r: &mut Vec<String>| r.push("[]".into())))}>{ "+ batch" }</button>
                            <button type="submit" class="primary" data-testid={format!("queue-{q}-apply")}
                                title="Write these batches into the program and run it">{ "Apply to program ▸" }</button>
                        </div>
                        if let Some((_, p)) = problem.as_ref().filter(|(at, _)| *at == q) {
                            <p class="problem" role="alert" data-testid={format!("queue-{q}-error")}>{ p }</p>
                        }
                    </form>
                }
            }
        };
        html! {
            <div class="queue" data-testid={format!("queue-{q}")}>
                <h3>{ title }</h3>
                { body }
            </div>
        }
    });
    html! {
        <section class="panel queue-panel" aria-labelledby="queue-title">
            <h2 id="queue-title">{ "Inputs" }</h2>
            if !outline.queues.is_empty() {
                <p class="hint">{ "Queue batches: one batch per row, as a Python list — the records queueStream hands the pipeline at that batch." }</p>
                { for queues }
            }
            if !outline.settings.is_empty() {
                <form class="settings" onsubmit={apply_settings} aria-labelledby="settings-title">
                    <h3 id="settings-title">{ "Numbers the program sets" }</h3>
                    <p class="hint">{ "A generator's rate and seed, a data set's batch size: change them and run again." }</p>
                    <div class="fields">{ for setting_fields }</div>
                    <button type="submit" class="primary" data-testid="settings-apply"
                        title="Write these numbers into the program and run it">{ "Apply to program ▸" }</button>
                    if let Some(p) = &*settings_problem {
                        <p class="problem" role="alert" data-testid="settings-error">{ p }</p>
                    }
                </form>
            }
        </section>
    }
}
