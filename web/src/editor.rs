//! The program editor: the PySpark program with line numbers, the line of an error marked, and
//! a Run button that loads the edited program.

use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlTextAreaElement};
use yew::prelude::*;

/// Props of [`Editor`].
#[derive(Properties, PartialEq)]
pub struct EditorProps {
    /// The program text.
    pub source: AttrValue,
    /// The line of the error that stopped the program, if any.
    pub error_line: Option<u32>,
    /// Lines the palette or the Inputs panel just wrote (1-based): marked, and scrolled to.
    #[prop_or_default]
    pub marked: std::rc::Rc<Vec<u32>>,
    /// Sent on every edit.
    pub on_edit: Callback<String>,
    /// Sent when the user runs the program.
    pub on_run: Callback<()>,
}

/// The editor.
#[function_component(Editor)]
pub fn editor(props: &EditorProps) -> Html {
    let lines = props.source.lines().count().max(1);
    let oninput = {
        let on_edit = props.on_edit.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            on_edit.emit(area.value());
        })
    };
    let onkeydown = {
        // Ctrl/Cmd+Enter runs, as in notebooks; the clock keys stay with the text.
        let on_run = props.on_run.clone();
        Callback::from(move |e: KeyboardEvent| {
            e.stop_propagation();
            if e.key() == "Enter" && (e.ctrl_key() || e.meta_key()) {
                e.prevent_default();
                on_run.emit(());
            }
        })
    };
    let run = {
        let on_run = props.on_run.clone();
        Callback::from(move |_: MouseEvent| on_run.emit(()))
    };
    let gutter = use_node_ref();
    {
        // Scroll the last written line into the editor's view (the step, below any import).
        let gutter = gutter.clone();
        use_effect_with(props.marked.clone(), move |marked| {
            let Some(g) = gutter.cast::<HtmlElement>() else {
                return;
            };
            let line = (marked.last())
                .and_then(|&n| g.children().item(n - 1))
                .and_then(|l| l.dyn_into::<HtmlElement>().ok());
            if let (Some(line), Some(scroller)) = (line, g.parent_element()) {
                // Both offsets are from the same ancestor: their difference is the line's place
                // in the editor.
                let at = f64::from(line.offset_top() - g.offset_top());
                let top = at - f64::from(scroller.client_height()) / 2.0;
                scroller.set_scroll_top(top.max(0.0) as i32);
            }
        });
    }
    html! {
        <section class="panel editor-panel" aria-labelledby="editor-title">
            <div class="panel-head">
                <h2 id="editor-title">{ "Program" }</h2>
                <button data-testid="run" class="primary" onclick={run}
                    title="Run the edited program (Ctrl+Enter)">{ "Run ▸" }</button>
            </div>
            <div class="editor">
                <pre class="gutter" aria-hidden="true" ref={gutter}>
                    { for (1..=lines as u32).map(|n| {
                        let class = if Some(n) == props.error_line { "line error-line" }
                            else if props.marked.contains(&n) { "line marked" } else { "line" };
                        html! { <span class={class}>{ n }</span> }
                    }) }
                </pre>
                <textarea data-testid="editor" spellcheck="false" aria-label="PySpark program"
                    rows={(lines + 1).to_string()} wrap="off"
                    value={props.source.clone()} {oninput} {onkeydown} />
            </div>
        </section>
    }
}
