//! The keys a window's incremental path keeps at zero (SEMANTICS C2): what surprises people
//! who expect a key to vanish once its values leave the window.

use eddy_core::report::{StepReport, WindowPath};
use eddy_core::NodeId;
use yew::prelude::*;

/// Keys listed by name before the rest are only counted.
const LISTED: usize = 12;

/// A line under a window's ribbon: which keys sit at 0 in the window computed on the
/// incremental path (nothing for the recompute path, where a key without values is absent).
pub fn zero_keys_note(report: &StepReport, node: NodeId) -> Html {
    let incremental = report
        .windows
        .iter()
        .any(|(n, w)| *n == node && matches!(w.path, WindowPath::Incremental { .. }));
    if !incremental {
        return html! {};
    }
    let zeros = report.zero_keys.iter().find(|(n, _)| *n == node);
    let text = match zeros {
        None => "No key sits at 0 in this window.".to_string(),
        Some((_, z)) => {
            let mut names: Vec<&str> = z.keys.iter().take(LISTED).map(String::as_str).collect();
            if z.count > names.len() {
                names.push("…");
            }
            format!(
                "{} key{} sitting at 0: {}. The inverse path subtracts the batches that left, so a key \
                 whose values have all left stays, at 0, unless a filterFunc drops it; recomputing the \
                 window would leave it out.",
                z.count,
                if z.count == 1 { "" } else { "s" },
                names.join(", ")
            )
        }
    };
    html! { <p class="zero-keys" data-testid="zero-keys">{ text }</p> }
}
