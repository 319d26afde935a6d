//! Keyed state over time: for each `updateStateByKey`, every key's value after each batch
//! shown, drawn as lines (the keys with the largest latest values, so the chart stays
//! readable) with a table of the same numbers beside it. New, changed and deleted keys are
//! marked; a deleted key's line ends with a cross.

use std::collections::HashMap;
use std::rc::Rc;

use eddy_core::report::StepReport;
use eddy_core::NodeId;
use eddy_python::RunOutput;
use yew::prelude::*;

use crate::plot::{colour, Line, LineChart};

/// Lines a state chart draws at most: more are unreadable, and the colours run out.
pub const MAX_LINES: usize = 6;

/// One key's state after each batch shown.
#[derive(Clone, Debug, PartialEq)]
pub struct KeyHistory {
    /// `repr(key)`.
    pub key: String,
    /// `repr(state)` after each batch (index 0 = batch 1); `None` where the key had none.
    pub texts: Vec<Option<String>>,
    /// The state as a number after each batch, where it is one (an `int` or a `float`).
    pub values: Vec<Option<f64>>,
    /// The batches (1-based) that deleted it.
    pub deleted: Vec<usize>,
    /// What the last batch shown did to it: `"new"`, `"changed"`, `"deleted"` or `""`.
    pub mark: &'static str,
}

impl KeyHistory {
    /// Whether every state it had is a number: only those keys are drawn.
    pub fn numeric(&self) -> bool {
        self.texts
            .iter()
            .zip(&self.values)
            .all(|(t, v)| t.is_none() || v.is_some())
            && self.values.iter().any(Option::is_some)
    }

    /// Its last numeric value: what the chart ranks keys by.
    pub fn latest(&self) -> Option<f64> {
        self.values.iter().rev().find_map(|v| *v)
    }
}

/// One stateful node's keys over the batches shown.
#[derive(Clone, Debug, PartialEq)]
pub struct StateHistory {
    /// The node (`updateStateByKey`).
    pub node: NodeId,
    /// Batches shown.
    pub batches: usize,
    /// Every key seen, in the order they first appeared (the state's key order within a batch).
    pub keys: Vec<KeyHistory>,
    /// Keys the state held after the last batch shown (the report lists at most 200).
    pub total: usize,
}

impl StateHistory {
    /// The keys drawn (the [`MAX_LINES`] numeric keys with the largest latest values, in key
    /// order) and how many numeric keys are left out.
    pub fn drawn(&self) -> (Vec<&KeyHistory>, usize) {
        let mut numeric: Vec<(usize, &KeyHistory)> = self
            .keys
            .iter()
            .filter(|k| k.numeric())
            .enumerate()
            .collect();
        let hidden = numeric.len().saturating_sub(MAX_LINES);
        numeric.sort_by(|(i, a), (j, b)| {
            let (a, b) = (
                a.latest().unwrap_or(f64::MIN),
                b.latest().unwrap_or(f64::MIN),
            );
            b.total_cmp(&a).then(i.cmp(j))
        });
        numeric.truncate(MAX_LINES);
        numeric.sort_by_key(|(i, _)| *i);
        (numeric.into_iter().map(|(_, k)| k).collect(), hidden)
    }
}

/// A Python `int` or `float` repr as a number (`inf` and `nan` are not drawn).
fn parse_number(repr: &str) -> Option<f64> {
    let looks_numeric = repr
        .bytes()
        .all(|b| b.is_ascii_digit() || b"+-.eE".contains(&b));
    repr.parse::<f64>()
        .ok()
        .filter(|v| looks_numeric && v.is_finite())
}

/// The index of `key` in `keys`, added (with no values yet) if it is new.
fn slot(
    keys: &mut Vec<KeyHistory>,
    index: &mut HashMap<String, usize>,
    key: &str,
    batches: usize,
) -> usize {
    *index.entry(key.to_string()).or_insert_with(|| {
        keys.push(KeyHistory {
            key: key.to_string(),
            texts: vec![None; batches],
            values: vec![None; batches],
            deleted: Vec::new(),
            mark: "",
        });
        keys.len() - 1
    })
}

/// The history of every stateful node over the first `shown` reports.
pub fn histories(reports: &[StepReport], shown: usize) -> Vec<StateHistory> {
    let reports = &reports[..shown.min(reports.len())];
    let batches = reports.len();
    let mut nodes: Vec<NodeId> = Vec::new();
    for r in reports {
        for (node, _) in &r.states {
            if !nodes.contains(node) {
                nodes.push(*node);
            }
        }
    }
    nodes
        .into_iter()
        .map(|node| {
            let mut keys: Vec<KeyHistory> = Vec::new();
            let mut index: HashMap<String, usize> = HashMap::new();
            let mut total = 0;
            for (b, r) in reports.iter().enumerate() {
                let Some(view) = r.state_of(node) else {
                    continue;
                };
                total = view.total;
                for (k, v) in &view.entries {
                    let i = slot(&mut keys, &mut index, k, batches);
                    keys[i].texts[b] = Some(v.clone());
                    keys[i].values[b] = parse_number(v);
                }
                for k in &view.deleted {
                    let i = slot(&mut keys, &mut index, k, batches);
                    keys[i].deleted.push(b + 1);
                }
                if b + 1 == batches {
                    for k in &mut keys {
                        k.mark = if view.deleted.contains(&k.key) {
                            "deleted"
                        } else if view.added.contains(&k.key) {
                            "new"
                        } else if view.changed.contains(&k.key) {
                            "changed"
                        } else {
                            ""
                        };
                    }
                }
            }
            StateHistory {
                node,
                batches,
                keys,
                total,
            }
        })
        .collect()
}

/// Props of [`StateOverTime`].
#[derive(Properties, PartialEq)]
pub struct StateOverTimeProps {
    /// The program's run.
    pub run: Rc<RunOutput>,
    /// Batches shown.
    pub shown: usize,
}

/// Each stateful node's keys over the batches shown: a chart and its table.
#[function_component(StateOverTime)]
pub fn state_over_time(props: &StateOverTimeProps) -> Html {
    let all = histories(&props.run.reports, props.shown);
    html! {
        { for all.iter().map(one) }
    }
}

fn one(h: &StateHistory) -> Html {
    let (drawn, hidden) = h.drawn();
    let lines: Vec<Line> = drawn
        .iter()
        .map(|k| Line {
            ends: k.deleted.clone(),
            ..Line::new(k.key.clone(), k.values.clone())
        })
        .collect();
    let non_numeric = h.keys.iter().filter(|k| !k.numeric()).count();
    let mut notes = Vec::new();
    if hidden > 0 {
        notes.push(format!(
            "{hidden} more {} not drawn: the chart shows the {MAX_LINES} keys with the largest latest values.",
            if hidden == 1 { "key is" } else { "keys are" }
        ));
    }
    if non_numeric > 0 {
        notes.push(format!(
            "{non_numeric} {} not numbers: only the table shows {}.",
            if non_numeric == 1 {
                "key's state is"
            } else {
                "keys' states are"
            },
            if non_numeric == 1 { "it" } else { "them" }
        ));
    }
    // The table lists the drawn keys, or every key when none can be drawn.
    let rows: Vec<&KeyHistory> = if drawn.is_empty() {
        h.keys.iter().collect()
    } else {
        drawn.clone()
    };
    let caption = format!(
        "updateStateByKey #{}: each key's state after every batch ({} keys now)",
        h.node.0, h.total
    );
    html! {
        <div class="state-over-time" data-testid="state-over-time">
            <h3>{ format!("State of each key, batch by batch (#{})", h.node.0) }</h3>
            <p class="explain">{ "updateStateByKey keeps one value per key and updates it every batch. \
                Each line is one key; a cross marks a key whose update function returned None (deleted)." }</p>
            <div class="chart-twin">
                if !lines.is_empty() {
                    <LineChart testid="state-chart" batches={h.batches} lines={lines} y_name="state"
                        label={format!("Line chart: the state of {} keys after each of {} batches; the table beside it has the numbers.", drawn.len(), h.batches)} />
                }
                <div class="twin-table">
                    <table class="history" data-testid="state-history">
                        <caption>{ caption }</caption>
                        <thead><tr>
                            <th scope="col">{ "key" }</th>
                            { for (1..=h.batches).map(|b| html! { <th scope="col">{ format!("b{b}") }</th> }) }
                            <th scope="col">{ "last batch" }</th>
                        </tr></thead>
                        <tbody>
                            { for rows.iter().map(|k| {
                                let drawn_at = drawn.iter().position(|d| d.key == k.key);
                                html! { <tr class={k.mark}>
                                    <th scope="row">
                                        if let Some(i) = drawn_at {
                                            <span class="swatch" style={format!("background:{}", colour(i))} />
                                        }
                                        { &k.key }
                                    </th>
                                    // Python's repr, exactly as the program would print it.
                                    { for k.texts.iter().enumerate().map(|(b, t)| {
                                        let cell = match t {
                                            Some(t) => t.clone(),
                                            None if k.deleted.contains(&(b + 1)) => "×".into(),
                                            None => "".into(),
                                        };
                                        html! { <td>{ cell }</td> }
                                    }) }
                                    <td class="mark">{ k.mark }</td>
                                </tr> }
                            }) }
                        </tbody>
                    </table>
                </div>
            </div>
            { for notes.iter().map(|n| html! { <p class="note">{ n }</p> }) }
        </div>
    }
}

#[cfg(test)]
mod tests {
    // Under wasm32 the tests run in a browser (`cargo test --target wasm32-unknown-unknown`).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use eddy_core::report::StateView;
    use eddy_core::BatchTime;

    fn report(i: u64, view: StateView) -> StepReport {
        StepReport {
            index: i,
            time: BatchTime((i as i64 + 1) * 1000),
            console: String::new(),
            records: Vec::new(),
            windows: Vec::new(),
            errors: Vec::new(),
            states: vec![(NodeId(1), view)],
            models: Vec::new(),
            printed: Vec::new(),
            zero_keys: Vec::new(),
            timings: None,
        }
    }

    fn view(
        entries: &[(&str, &str)],
        added: &[&str],
        changed: &[&str],
        deleted: &[&str],
    ) -> StateView {
        let s = |xs: &[&str]| xs.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        StateView {
            entries: entries
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            total: entries.len(),
            changed: s(changed),
            changed_count: changed.len(),
            added: s(added),
            added_count: added.len(),
            deleted: s(deleted),
            deleted_count: deleted.len(),
        }
    }

    #[test]
    fn each_key_gets_its_value_per_batch_and_deleted_keys_end() {
        let reports = vec![
            report(
                0,
                view(&[("'a'", "1"), ("'b'", "2")], &["'a'", "'b'"], &[], &[]),
            ),
            report(1, view(&[("'a'", "3")], &[], &["'a'"], &["'b'"])),
            report(
                2,
                view(&[("'a'", "3"), ("'c'", "(1, 2)")], &["'c'"], &[], &[]),
            ),
        ];
        let h = &histories(&reports, 2)[0];
        assert_eq!(h.batches, 2);
        assert_eq!(h.keys[0].values, vec![Some(1.0), Some(3.0)]);
        assert_eq!(h.keys[0].mark, "changed");
        assert_eq!(h.keys[1].values, vec![Some(2.0), None]);
        assert_eq!(h.keys[1].deleted, vec![2]);
        assert_eq!(h.keys[1].mark, "deleted");

        let h = &histories(&reports, 3)[0];
        assert_eq!(h.keys[2].key, "'c'");
        assert!(!h.keys[2].numeric(), "a tuple state is table-only");
        assert_eq!(h.keys[2].mark, "new");
        assert_eq!(h.keys[0].mark, "");

        // A key that comes back and goes again is marked at each deletion.
        let mut reports = reports;
        reports.push(report(
            3,
            view(&[("'a'", "3"), ("'b'", "5")], &["'b'"], &[], &["'c'"]),
        ));
        reports.push(report(4, view(&[("'a'", "3")], &[], &[], &["'b'"])));
        let h = &histories(&reports, 5)[0];
        assert_eq!(h.keys[1].deleted, vec![2, 5]);
        assert_eq!(h.keys[1].values[3], Some(5.0));
    }

    #[test]
    fn the_chart_draws_the_keys_with_the_largest_latest_values() {
        let entries: Vec<(String, String)> = (0..9)
            .map(|i| (format!("'k{i}'"), format!("{}", (i * 7) % 9)))
            .collect();
        let refs: Vec<(&str, &str)> = entries
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let h = &histories(&[report(0, view(&refs, &[], &[], &[]))], 1)[0];
        let (drawn, hidden) = h.drawn();
        assert_eq!(hidden, 3);
        let latest: Vec<f64> = drawn.iter().filter_map(|k| k.latest()).collect();
        // 9 keys with values 0..9 in some order: the six largest are 3..=8, in key order.
        let mut sorted = latest.clone();
        sorted.sort_by(f64::total_cmp);
        assert_eq!(sorted, vec![3.0, 4.0, 5.0, 6.0, 7.0, 8.0]);
        assert_eq!(drawn[0].key, "'k1'");
    }

    #[test]
    fn only_python_numbers_parse() {
        assert_eq!(parse_number("100"), Some(100.0));
        assert_eq!(parse_number("-0.5"), Some(-0.5));
        assert_eq!(parse_number("1e-16"), Some(1e-16));
        assert_eq!(parse_number("inf"), None);
        assert_eq!(parse_number("'12'"), None);
        assert_eq!(parse_number("(1, 2)"), None);
    }
}
