//! The records-per-batch bar chart, in SVG on the shared plot helpers ([`crate::plot`]): the
//! page once drew it with plotters on a canvas, which cost the first load ~60 KB of wasm for
//! one chart, and a canvas cannot be read back by tests or scale with the page.

use yew::prelude::*;

use crate::plot::{self, Scale};

/// Props of [`Chart`].
#[derive(Properties, PartialEq)]
pub struct ChartProps {
    /// The chart's title, also its accessible name.
    pub title: AttrValue,
    /// One value per batch.
    pub values: Vec<f64>,
}

/// The bars of `values` as `(x, y, width, height)` in the chart's pixels: one bar per batch,
/// from zero up.
pub fn bars(values: &[f64]) -> Vec<(f64, f64, f64, f64)> {
    let x = plot::batch_scale(values.len());
    let y = y_scale(values);
    let width = (x.at(1.0) - x.at(0.0)) * 0.7;
    values
        .iter()
        .enumerate()
        .map(|(i, &v)| {
            let centre = x.at(i as f64 + 1.0);
            let (top, bottom) = (y.at(v.max(0.0)), y.at(0.0));
            (centre - width / 2.0, top, width, bottom - top)
        })
        .collect()
}

/// From zero to a little above the largest value (counts: at least 1).
fn y_scale(values: &[f64]) -> Scale {
    let top = values.iter().copied().fold(1.0, f64::max) * 1.15;
    Scale {
        lo: 0.0,
        hi: top,
        from: plot::H - plot::BOTTOM,
        to: plot::TOP,
    }
}

/// A bar chart of one value per batch, with the same numbers as text for screen readers.
#[function_component(Chart)]
pub fn chart(props: &ChartProps) -> Html {
    let values = &props.values;
    let x = plot::batch_scale(values.len());
    let x_ticks: Vec<(f64, String)> = plot::batch_ticks(values.len())
        .into_iter()
        .map(|b| (b as f64, b.to_string()))
        .collect();
    let summary = if values.is_empty() {
        "No batches yet.".to_string()
    } else {
        let listed: Vec<String> = (values.iter().enumerate())
            .map(|(i, v)| format!("batch {}: {v}", i + 1))
            .collect();
        listed.join(", ")
    };
    html! {
        <section class="panel chart-panel" aria-labelledby="chart-title">
            <h2 id="chart-title">{ props.title.clone() }</h2>
            <svg viewBox={format!("0 0 {} {}", plot::W, plot::H)} class="plot" data-testid="chart"
                aria-hidden="true">
                { plot::axes(&x, &y_scale(values), &x_ticks, "batch", "records") }
                { for bars(values).into_iter().map(|(bx, by, w, h)| html! {
                    <rect class="bar" x={format!("{bx:.1}")} y={format!("{by:.1}")}
                        width={format!("{w:.1}")} height={format!("{h:.1}")} fill={plot::colour(0)} />
                }) }
            </svg>
            <p class="visually-hidden" data-testid="chart-text">{ summary }</p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_as_tall_as_their_values() {
        let b = bars(&[3.0, 1.0, 0.0]);
        assert_eq!(b.len(), 3);
        assert!((b[0].3 / b[1].3 - 3.0).abs() < 1e-9, "{b:?}");
        assert_eq!(b[2].3, 0.0);
        assert!(b[0].0 < b[1].0 && b[1].0 < b[2].0, "left to right by batch");
    }
}
