//! "Export .py": the program as a PySpark file, to run on a real Spark cluster
//! (`spark-submit program.py`). A program exports as itself — what `eddy export` gives for a
//! program — because the editor's text is already PySpark: its functions close over its own
//! names, and every palette step writes code that runs on real PySpark (the palette's
//! programs are checked against it).

use yew::prelude::*;

use crate::download::{DownloadButton, File};

/// The file name for the program: the preset's id while it is the preset's text, else a
/// generic name.
pub fn file_name(preset: Option<&crate::presets::Preset>, source: &str) -> String {
    match preset {
        Some(p) if p.source == source => format!("{}.py", p.id),
        _ => "eddy_program.py".into(),
    }
}

/// Props of [`ExportButton`].
#[derive(Properties, PartialEq)]
pub struct ExportProps {
    /// The program as the editor holds it.
    pub source: AttrValue,
    /// The preset it came from.
    pub preset: usize,
}

/// A button that downloads the program as a `.py` file.
#[function_component(ExportButton)]
pub fn export_button(props: &ExportProps) -> Html {
    let file = {
        let (source, preset) = (props.source.clone(), props.preset);
        Callback::from(move |()| File {
            name: file_name(crate::presets::PRESETS.get(preset), &source),
            mime: "text/x-python;charset=utf-8",
            text: source.to_string(),
        })
    };
    html! {
        <DownloadButton testid="export" label="Export .py" {file}
            title="Download the program as a PySpark file that runs on a real Spark cluster" />
    }
}

#[cfg(test)]
mod tests {
    // Under wasm32 the tests run in a browser (`cargo test --target wasm32-unknown-unknown`).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn a_preset_keeps_its_name_until_edited() {
        let p = &crate::presets::PRESETS[0];
        assert_eq!(file_name(Some(p), p.source), format!("{}.py", p.id));
        assert_eq!(file_name(Some(p), "print(1)\n"), "eddy_program.py");
        assert_eq!(file_name(None, p.source), "eddy_program.py");
    }
}
