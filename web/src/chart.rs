//! A plotters chart of one figure per batch, drawn on a canvas.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

/// Okabe–Ito blue: distinguishable under every common colour-vision deficiency.
const BAR: RGBColor = RGBColor(0x00, 0x72, 0xB2);

/// Draws `values` as one bar per batch. Generic over the backend so it can draw to a canvas in
/// the browser and to SVG or a bitmap elsewhere.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    values: &[f64],
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    let batches = values.len().max(1) as f64;
    let top = values.iter().copied().fold(1.0, f64::max) * 1.15;
    let mut chart = ChartBuilder::on(root)
        .margin(12)
        .x_label_area_size(40)
        .y_label_area_size(44)
        .build_cartesian_2d(0.5..batches + 0.5, 0.0..top)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .light_line_style(WHITE)
        .bold_line_style(RGBColor(0xe4, 0xe7, 0xeb))
        .x_desc("batch")
        .x_labels(values.len().clamp(1, 12))
        .x_label_formatter(&|x| format!("{x:.0}"))
        .y_labels(6)
        // Counts are whole numbers: label only the whole ticks.
        .y_label_formatter(&|y| {
            if y.fract() == 0.0 {
                format!("{y:.0}")
            } else {
                String::new()
            }
        })
        .draw()?;
    chart.draw_series(values.iter().enumerate().map(|(i, &v)| {
        let x = i as f64 + 1.0;
        Rectangle::new([(x - 0.35, 0.0), (x + 0.35, v)], BAR.filled())
    }))?;
    root.present()
}

/// Props of [`Chart`].
#[derive(Properties, PartialEq)]
pub struct ChartProps {
    /// The chart's title, also its accessible name.
    pub title: AttrValue,
    /// One value per batch.
    pub values: Vec<f64>,
}

/// A bar chart of one value per batch, with the same numbers as text for screen readers.
#[function_component(Chart)]
pub fn chart(props: &ChartProps) -> Html {
    let canvas = use_node_ref();
    {
        let canvas = canvas.clone();
        use_effect_with(props.values.clone(), move |values| {
            if let Some(backend) = canvas
                .cast::<HtmlCanvasElement>()
                .and_then(CanvasBackend::with_canvas_object)
            {
                // A drawing error leaves the previous picture; there is nothing better to show.
                let _ = draw(&backend.into_drawing_area(), values);
            }
        });
    }
    let summary = if props.values.is_empty() {
        "No batches yet.".to_string()
    } else {
        let listed: Vec<String> = (props.values.iter().enumerate())
            .map(|(i, v)| format!("batch {}: {v}", i + 1))
            .collect();
        listed.join(", ")
    };
    html! {
        <section class="panel chart-panel" aria-labelledby="chart-title">
            <h2 id="chart-title">{ props.title.clone() }</h2>
            <canvas data-testid="chart" ref={canvas} width="480" height="240" aria-hidden="true" />
            <p class="visually-hidden" data-testid="chart-text">{ summary }</p>
        </section>
    }
}
