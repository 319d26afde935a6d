//! The console: what the program printed, batch by batch, exactly as `eddy` prints it.

use yew::prelude::*;

/// Props of [`Console`].
#[derive(Properties, PartialEq)]
pub struct ConsoleProps {
    /// All output so far.
    pub text: AttrValue,
    /// Controls shown beside the title (the CSV download).
    #[prop_or_default]
    pub children: Html,
}

/// The printed output, scrolled to the newest batch.
#[function_component(Console)]
pub fn console(props: &ConsoleProps) -> Html {
    let pre = use_node_ref();
    {
        let pre = pre.clone();
        use_effect_with(props.text.clone(), move |_| {
            if let Some(el) = pre.cast::<web_sys::Element>() {
                el.set_scroll_top(el.scroll_height());
            }
        });
    }
    html! {
        <section class="panel console-panel" aria-labelledby="console-title">
            <div class="panel-head">
                <h2 id="console-title">{ "Console" }</h2>
                { props.children.clone() }
            </div>
            <pre data-testid="console" class="console" ref={pre}>{ props.text.clone() }</pre>
        </section>
    }
}
