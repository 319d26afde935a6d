//! Embed mode for course pages: `?embed&preset=<id>&panels=console,chart` shows a minimal frame
//! with the chosen preset and panels. The full playground offers the `<iframe>` code.

/// Which panels a page shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layout {
    /// Embedded in another page: no masthead, no share row.
    pub embed: bool,
    /// The preset to open (`preset=` id), if given.
    pub preset: Option<String>,
    /// Panel names to show; all when not embedded.
    pub panels: Vec<String>,
}

/// Every panel, in page order.
pub const PANELS: &[&str] = &[
    "editor", "console", "chart", "palette", "inputs", "graph", "windows", "state", "models",
    "files",
];

/// The panels an embed shows when the author names none.
const DEFAULT_EMBED: &[&str] = &["console", "chart"];

impl Layout {
    /// The layout a query string (`?embed&preset=…&panels=…`, with or without `?`) asks for.
    pub fn from_query(query: &str) -> Layout {
        let mut layout = Layout {
            embed: false,
            preset: None,
            panels: PANELS.iter().map(|p| p.to_string()).collect(),
        };
        let mut panels = None;
        for pair in query
            .trim_start_matches('?')
            .split('&')
            .filter(|p| !p.is_empty())
        {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            match k {
                "embed" => layout.embed = v != "0",
                "preset" => layout.preset = Some(v.to_string()),
                "panels" => {
                    panels = Some(
                        v.split(',')
                            .filter(|p| PANELS.contains(p))
                            .map(String::from)
                            .collect::<Vec<_>>(),
                    )
                }
                _ => {}
            }
        }
        match panels {
            Some(p) => layout.panels = p,
            None if layout.embed => {
                layout.panels = DEFAULT_EMBED.iter().map(|p| p.to_string()).collect()
            }
            None => {}
        }
        layout
    }

    /// Whether `panel` shows.
    pub fn shows(&self, panel: &str) -> bool {
        self.panels.iter().any(|p| p == panel)
    }
}

/// The `<iframe>` a course author pastes to embed `preset` with `panels`.
pub fn iframe_code(page: &str, preset: &str, panels: &[&str]) -> String {
    format!(
        "<iframe src=\"{page}?embed&preset={preset}&panels={}\" width=\"100%\" height=\"560\" \
         style=\"border:1px solid #dde1e7;border-radius:8px\" title=\"Eddy: {preset}\" \
         loading=\"lazy\"></iframe>",
        panels.join(",")
    )
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn an_embed_shows_the_panels_its_author_chose() {
        let l =
            Layout::from_query("?embed&preset=seed_c_rbkw_inv_3_1&panels=console,windows,nonsense");
        assert!(l.embed);
        assert_eq!(l.preset.as_deref(), Some("seed_c_rbkw_inv_3_1"));
        assert!(l.shows("windows") && l.shows("console") && !l.shows("editor"));
        assert!(!l.shows("nonsense"));
        let full = Layout::from_query("");
        assert!(!full.embed && full.shows("editor"));
        assert_eq!(Layout::from_query("?embed").panels, ["console", "chart"]);
    }
}
