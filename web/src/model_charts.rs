//! How the streaming models learn, batch by batch: the regressions' error per batch (a line
//! chart) and k-means' points and centres (a scatter with the path each centre took), each
//! with a table of the same numbers beside it.

use std::rc::Rc;

use eddy_core::ml::{node_model, StreamingModel};
use eddy_core::report::{StepReport, Training};
use eddy_core::PipelineSpec;
use eddy_python::RunOutput;
use yew::prelude::*;

use crate::plot::{axes, colour, number, Line, LineChart, Scale, W};

/// One regression's error per batch.
#[derive(Clone, Debug, PartialEq)]
pub struct MseSeries {
    /// The model's id and class, as the models table names it.
    pub name: String,
    /// The mean squared error on each batch's points before training on them (index 0 =
    /// batch 1); `None` for a batch that did not train it.
    pub mse: Vec<Option<f64>>,
    /// The points each batch trained it on.
    pub points: Vec<Option<usize>>,
}

/// The error per batch of every model whose reports carry one (the linear regressions).
pub fn mse_series(reports: &[StepReport], shown: usize) -> Vec<MseSeries> {
    let reports = &reports[..shown.min(reports.len())];
    let mut out: Vec<(u32, MseSeries)> = Vec::new();
    for (b, r) in reports.iter().enumerate() {
        for m in &r.models {
            let Some(t) = m.training.as_ref().filter(|t| t.mse.is_some()) else {
                continue;
            };
            let i = match out.iter().position(|(id, _)| *id == m.model) {
                Some(i) => i,
                None => {
                    out.push((
                        m.model,
                        MseSeries {
                            name: format!("{} #{}", m.algorithm, m.model),
                            mse: vec![None; reports.len()],
                            points: vec![None; reports.len()],
                        },
                    ));
                    out.len() - 1
                }
            };
            out[i].1.mse[b] = t.mse;
            out[i].1.points[b] = Some(t.points);
        }
    }
    out.into_iter().map(|(_, s)| s).collect()
}

/// A k-means model's centres over the batches and the points of the batch shown.
#[derive(Clone, Debug, PartialEq)]
pub struct KMeansPicture {
    /// The model's id.
    pub model: u32,
    /// Each centre's first two coordinates: where it started (if the pipeline says), then
    /// after each batch.
    pub paths: Vec<Vec<[f64; 2]>>,
    /// Whether each path starts at the initial centres (not after batch 1).
    pub from_start: bool,
    /// The cluster weights after the batch shown.
    pub weights: Vec<f64>,
    /// The batch shown's training, if it trained the model.
    pub training: Option<Training>,
    /// The features' dimension.
    pub dims: usize,
}

/// The first two coordinates of a point (`0.0` where it has fewer).
fn xy(p: &[f64]) -> [f64; 2] {
    [
        p.first().copied().unwrap_or(0.0),
        p.get(1).copied().unwrap_or(0.0),
    ]
}

/// The initial centres of k-means model `id`, from the pipeline's description of it.
fn initial_centers(spec: Option<&PipelineSpec>, id: u32) -> Option<Vec<Vec<f64>>> {
    spec?.nodes.iter().find_map(|n| match node_model(&n.op) {
        Some((m, StreamingModel::StreamingKMeans(k))) if m == id => Some(k.model.centers.clone()),
        _ => None,
    })
}

/// Every k-means model's picture after the first `shown` batches.
pub fn kmeans_pictures(run: &RunOutput, shown: usize) -> Vec<KMeansPicture> {
    let reports = &run.reports[..shown.min(run.reports.len())];
    let mut out: Vec<KMeansPicture> = Vec::new();
    for r in reports {
        for m in r.models.iter().filter(|m| !m.centers.is_empty()) {
            let i = match out.iter().position(|p| p.model == m.model) {
                Some(i) => i,
                None => {
                    let start = initial_centers(run.pipeline.as_ref(), m.model)
                        .filter(|c| c.len() == m.centers.len());
                    out.push(KMeansPicture {
                        model: m.model,
                        from_start: start.is_some(),
                        paths: match start {
                            Some(c) => c.iter().map(|c| vec![xy(c)]).collect(),
                            None => vec![Vec::new(); m.centers.len()],
                        },
                        weights: Vec::new(),
                        training: None,
                        dims: m.centers.first().map_or(0, Vec::len),
                    });
                    out.len() - 1
                }
            };
            let p = &mut out[i];
            if p.paths.len() < m.centers.len() {
                p.paths.resize(m.centers.len(), Vec::new());
            }
            for (path, c) in p.paths.iter_mut().zip(&m.centers) {
                path.push(xy(c));
            }
            p.weights = m.cluster_weights.clone();
            p.training = m.training.clone();
        }
    }
    out
}

/// Props of the model charts: the run and the batches shown.
#[derive(Properties, PartialEq)]
pub struct ModelChartsProps {
    /// The program's run.
    pub run: Rc<RunOutput>,
    /// Batches shown.
    pub shown: usize,
}

/// The regressions' error per batch, with its table.
#[function_component(MseChart)]
pub fn mse_chart(props: &ModelChartsProps) -> Html {
    let series = mse_series(&props.run.reports, props.shown);
    if series.is_empty() {
        return html! {};
    }
    let lines: Vec<Line> = series
        .iter()
        .map(|s| Line::new(s.name.clone(), s.mse.clone()))
        .collect();
    html! {
        <div class="model-mse" data-testid="mse">
            <h3>{ "Error per batch (MSE)" }</h3>
            <p class="explain">{ "Before each batch trains the model, Eddy predicts that batch's own points with \
                the model so far and averages the squared errors: (prediction − label)². Lower is better; each batch \
                brings new points, so the error also rises and falls with how hard the batch is. Spark's StreamingLinearRegressionWithSGD does not report this itself; \
                a program can compute it with predictOnValues, as the console's MSE lines do for a test set." }</p>
            <div class="chart-twin">
                <LineChart testid="mse-chart" batches={props.shown} {lines} y_name="MSE"
                    label="Line chart: the mean squared error of each batch's points before training on them; the table beside it has the numbers." />
                <div class="twin-table">
                    <table class="history" data-testid="mse-table">
                        <caption>{ "Mean squared error on each batch, before training on it" }</caption>
                        <thead><tr><th scope="col">{ "batch" }</th>
                            { for series.iter().map(|s| html! { <th scope="col">{ format!("{} (points)", s.name) }</th> }) }
                        </tr></thead>
                        <tbody>
                            { for (0..props.shown.min(props.run.reports.len())).map(|b| html! { <tr>
                                <th scope="row">{ b + 1 }</th>
                                { for series.iter().map(|s| html! { <td>{ match (s.mse[b], s.points[b]) {
                                    (Some(e), Some(n)) => format!("{} ({n})", number(e)),
                                    _ => "not trained".to_string(),
                                } }</td> }) }
                            </tr> }) }
                        </tbody>
                    </table>
                </div>
            </div>
        </div>
    }
}

/// The first model's parameters after each batch: a regression's weights, or k-means'
/// centre coordinates (one model only, to keep it legible).
pub fn params_lines(reports: &[StepReport], shown: usize) -> (String, Vec<Line>) {
    let reports = &reports[..shown.min(reports.len())];
    let Some(first) = reports.iter().find_map(|r| r.models.first()) else {
        return (String::new(), Vec::new());
    };
    let (id, kmeans) = (first.model, !first.centers.is_empty());
    let mut lines: Vec<Line> = Vec::new();
    for (b, r) in reports.iter().enumerate() {
        let Some(m) = r.models.iter().find(|m| m.model == id) else {
            continue;
        };
        // (name, colour, dashed, value): a k-means centre's coordinates share its colour (as
        // in the scatter), the second dashed.
        let params: Vec<(String, Option<usize>, bool, f64)> = if kmeans {
            (m.centers.iter().enumerate())
                .flat_map(|(c, xs)| {
                    xs.iter()
                        .enumerate()
                        .map(move |(j, x)| (format!("c{c}[{j}]"), Some(c), j % 2 == 1, *x))
                })
                .collect()
        } else {
            (m.weights.iter().enumerate())
                .map(|(j, w)| (format!("w[{j}]"), None, false, *w))
                .collect()
        };
        for (j, (name, colour, dashed, v)) in params.into_iter().enumerate() {
            if lines.len() <= j {
                lines.push(Line {
                    colour,
                    dashed,
                    ..Line::new(name, vec![None; reports.len()])
                });
            }
            lines[j].values[b] = Some(v);
        }
    }
    (format!("{} #{id}", first.algorithm), lines)
}

/// The first model's parameters over the batches shown (the models table below has the
/// numbers).
#[function_component(ParamsChart)]
pub fn params_chart(props: &ModelChartsProps) -> Html {
    let (name, lines) = params_lines(&props.run.reports, props.shown);
    if lines.is_empty() {
        return html! {};
    }
    let (title, what) = if name.starts_with("StreamingKMeans") {
        (
            "centre coordinates",
            "centre coordinates (c0[1] is centre 0's second feature)",
        )
    } else {
        ("weights", "weights (w[0] multiplies the first feature)")
    };
    html! {
        <figure class="model-chart">
            <h3>{ format!("{name}: {title} after each batch") }</h3>
            <LineChart testid="model-chart" batches={props.shown} {lines} y_name="value"
                label={format!("Line chart: {name}'s {what} after each batch; the models table below has the numbers.")} />
            <figcaption>{ format!("{name}: its {what} after each batch.") }</figcaption>
        </figure>
    }
}

/// Height of the scatter.
const SH: f64 = 300.0;

/// K-means: the batch shown's points coloured by the centre they went to, the centres, and
/// the path each centre took since the start, with a table of the centres.
#[function_component(KMeansScatter)]
pub fn kmeans_scatter(props: &ModelChartsProps) -> Html {
    let pictures = kmeans_pictures(&props.run, props.shown);
    html! { { for pictures.iter().map(|p| scatter(p, props.shown)) } }
}

fn scatter(p: &KMeansPicture, batch: usize) -> Html {
    let sample: &[[f64; 2]] = p.training.as_ref().map_or(&[], |t| &t.sample);
    let clusters: &[u32] = p.training.as_ref().map_or(&[], |t| &t.sample_clusters);
    let all = || sample.iter().chain(p.paths.iter().flatten());
    let x = Scale::over(all().map(|q| q[0]), 56.0, W - 14.0);
    let y = Scale::over(all().map(|q| q[1]), SH - 34.0, 12.0);
    let x_ticks: Vec<(f64, String)> = x.ticks(6).into_iter().map(|t| (t, number(t))).collect();
    let at = |q: &[f64; 2]| (x.at(q[0]), y.at(q[1]));
    let points = p.training.as_ref().map_or(0, |t| t.points);
    let mut notes = vec![if points == 0 {
        format!("Batch {batch} brought no points: the centres did not move.")
    } else {
        format!(
            "Batch {batch}: {points} points, each coloured like the centre it was assigned to (the nearest before the update)."
        )
    }];
    if sample.len() < points {
        notes.push(format!("The first {} points are drawn.", sample.len()));
    }
    if p.dims > 2 {
        notes.push(format!(
            "The points have {} features: the chart shows the first two.",
            p.dims
        ));
    }
    let start = if p.from_start {
        "its start (the initial centre, a ring)"
    } else {
        "batch 1"
    };
    html! {
        <div class="model-kmeans" data-testid="kmeans">
            <h3>{ format!("K-means #{}: points and centres", p.model) }</h3>
            <p class="explain">{ format!("Each batch moves every centre toward the mean of the points assigned to it. \
                The thin line is the path each centre took from {start}; the large diamond is where it is now.") }</p>
            <div class="chart-twin">
                <svg viewBox={format!("0 0 {W} {SH}")} class="plot" role="img" data-testid="kmeans-chart"
                    aria-label={format!("Scatter: {} points of batch {batch} and {} centres with their paths; the table beside it has the centres.",
                        sample.len(), p.paths.len())}>
                    { axes(&x, &y, &x_ticks, "feature 1", if p.dims > 1 { "feature 2" } else { "" }) }
                    { for sample.iter().zip(clusters).map(|(q, c)| { let (a, b) = at(q); html! {
                        <circle cx={format!("{a:.1}")} cy={format!("{b:.1}")} r="3.2" fill={colour(*c as usize)}
                            fill-opacity="0.55" />
                    }}) }
                    { for p.paths.iter().enumerate().map(|(c, path)| {
                        let points: Vec<String> = path.iter().map(|q| { let (a, b) = at(q); format!("{a:.1},{b:.1}") }).collect();
                        let first = path.first().map(at);
                        let last = path.last().map(at);
                        html! { <g class="centre">
                            <polyline points={points.join(" ")} fill="none" stroke={colour(c)} stroke-width="1.6" />
                            if let (true, Some((a, b))) = (p.from_start, first) {
                                <circle cx={format!("{a:.1}")} cy={format!("{b:.1}")} r="4" fill="white"
                                    stroke={colour(c)} stroke-width="1.6" />
                            }
                            if let Some((a, b)) = last {
                                <path d={format!("M{a:.1},{:.1}L{:.1},{b:.1}L{a:.1},{:.1}L{:.1},{b:.1}Z", b - 8.0, a + 8.0, b + 8.0, a - 8.0)}
                                    fill={colour(c)} stroke="#1d2430" stroke-width="1.5" />
                                <text class="centre-label" x={format!("{:.1}", a + 10.0)} y={format!("{:.1}", b - 8.0)}>{ format!("c{c}") }</text>
                            }
                        </g> }
                    }) }
                </svg>
                <div class="twin-table">
                    <table class="history" data-testid="kmeans-table">
                        <caption>{ format!("Centres after batch {batch} (features 1 and 2)") }</caption>
                        <thead><tr>
                            <th scope="col">{ "centre" }</th><th scope="col">{ "started" }</th>
                            <th scope="col">{ "now" }</th><th scope="col">{ "weight" }</th>
                            <th scope="col">{ "points this batch" }</th>
                        </tr></thead>
                        <tbody>
                            { for p.paths.iter().enumerate().map(|(c, path)| {
                                let pt = |q: Option<&[f64; 2]>| q.map_or("—".into(), |q| format!("({}, {})", number(q[0]), number(q[1])));
                                let assigned = p.training.as_ref().and_then(|t| t.assigned.get(c)).map_or("—".into(), u64::to_string);
                                html! { <tr>
                                    <th scope="row"><span class="swatch" style={format!("background:{}", colour(c))} />{ format!("c{c}") }</th>
                                    <td>{ pt(path.first()) }</td><td>{ pt(path.last()) }</td>
                                    <td>{ p.weights.get(c).map_or("—".into(), |w| number(*w)) }</td>
                                    <td>{ assigned }</td>
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

    /// Seed (e) and (f) as the playground runs them.
    fn run(id: &str) -> RunOutput {
        let p = crate::presets::PRESETS.iter().find(|p| p.id == id).unwrap();
        crate::state::run_program(p.source, &[])
    }

    #[test]
    fn mse_of_seed_e_is_one_value_per_trained_batch() {
        let run = run("seed_e_linreg_sgd");
        let s = mse_series(&run.reports, 7);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].name, "StreamingLinearRegressionWithSGD #0");
        // Six training batches, then the queue is empty: batch 7 trains nothing.
        assert!(s[0].mse[..6].iter().all(Option::is_some));
        assert_eq!(s[0].mse[6], None);
        assert_eq!(s[0].points[0], Some(20));
        // From w = 0 the first error is the mean squared label.
        let labels = [
            1.379, 0.935, -1.761, 0.749, -2.239, -2.15, 0.944, 2.695, 0.837, -1.681, 1.304, -0.003,
            1.131, 1.073, -0.014, -2.085, 2.215, -1.873, -1.254, 0.638f64,
        ];
        let expected = labels.iter().map(|y| y * y).sum::<f64>() / 20.0;
        assert!((s[0].mse[0].unwrap() - expected).abs() < 1e-12);
        assert!(s[0].mse[..6]
            .iter()
            .flatten()
            .all(|e| e.is_finite() && *e > 0.0));
    }

    #[test]
    fn kmeans_paths_start_at_the_initial_centres() {
        let run = run("seed_f_kmeans");
        let p = &kmeans_pictures(&run, 3)[0];
        assert!(p.from_start);
        assert_eq!(p.paths.len(), 3);
        assert_eq!(p.paths[1][0], [1.0, 1.0]);
        // The start, then one position per batch.
        assert!(p.paths.iter().all(|path| path.len() == 4));
        let t = p.training.as_ref().unwrap();
        assert_eq!(t.sample.len(), 12);
        assert_eq!(t.sample[0], [-0.03, -5.263]);
        assert_eq!(p.dims, 2);
    }
}
