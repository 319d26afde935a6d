//! Small SVG charts shared by the state and model views: a line chart of values per batch,
//! linear scales with round ticks, and the Okabe–Ito palette. SVG (not a canvas) so the
//! charts scale with the page, print, and can be read back by tests; every chart still has a
//! table or text beside it for screen readers, which is why the SVG itself is one `img`.

use yew::prelude::*;

/// Okabe–Ito colours, colour-blind safe, in the order series take them (yellow, too pale on
/// white, is left out).
pub const OKABE_ITO: &[&str] = &[
    "#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000",
];

/// The colour of series `i`.
pub fn colour(i: usize) -> &'static str {
    OKABE_ITO[i % OKABE_ITO.len()]
}

/// A linear map from data `[lo, hi]` to pixels `[from, to]`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scale {
    /// The data's low end.
    pub lo: f64,
    /// The data's high end (above `lo`).
    pub hi: f64,
    /// The pixel of `lo`.
    pub from: f64,
    /// The pixel of `hi`.
    pub to: f64,
}

impl Scale {
    /// A scale over the finite `values` (with a little room), widened when they are all equal
    /// or absent so a flat line sits in the middle.
    pub fn over(values: impl IntoIterator<Item = f64>, from: f64, to: f64) -> Scale {
        let (lo, hi) = values
            .into_iter()
            .filter(|v| v.is_finite())
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
                (a.min(v), b.max(v))
            });
        let (lo, hi) = if !lo.is_finite() {
            (0.0, 1.0)
        } else if lo < hi {
            let pad = (hi - lo) * 0.06;
            (lo - pad, hi + pad)
        } else {
            let pad = lo.abs().max(1.0) * 0.5;
            (lo - pad, hi + pad)
        };
        Scale { lo, hi, from, to }
    }

    /// The pixel of `v`.
    pub fn at(&self, v: f64) -> f64 {
        self.from + (self.to - self.from) * (v - self.lo) / (self.hi - self.lo)
    }

    /// About `n` round tick values inside the scale (1, 2 or 5 times a power of ten apart).
    pub fn ticks(&self, n: usize) -> Vec<f64> {
        let span = self.hi - self.lo;
        if !(span.is_finite() && span > 0.0) || n == 0 {
            return Vec::new();
        }
        let raw = span / n as f64;
        let power = 10f64.powf(raw.log10().floor());
        let step = [1.0, 2.0, 5.0, 10.0]
            .into_iter()
            .map(|m| m * power)
            .find(|s| span / s <= n as f64)
            .unwrap_or(10.0 * power);
        let mut t = (self.lo / step).ceil() * step;
        let mut out = Vec::new();
        while t <= self.hi + step * 1e-9 && out.len() <= 2 * n {
            // -0.0 and 0.30000000000000004 print badly: round to the step's precision.
            out.push(if t.abs() < step * 1e-9 { 0.0 } else { t });
            t += step;
        }
        out
    }
}

/// A number for an axis or a table: integers without a decimal point, others with at most
/// four significant decimals, very large or small ones in exponent form.
pub fn number(v: f64) -> String {
    let a = v.abs();
    if !v.is_finite() {
        format!("{v}")
    } else if v.fract() == 0.0 && a < 1e12 {
        format!("{v:.0}")
    } else if a != 0.0 && !(1e-3..1e6).contains(&a) {
        format!("{v:.2e}")
    } else {
        let s = format!("{v:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// One line of a [`LineChart`].
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// Its name in the legend.
    pub name: String,
    /// Its value after each batch (index 0 = batch 1); `None` where it has none (a gap).
    pub values: Vec<Option<f64>>,
    /// The batches (1-based) where it ended, each marked with a cross at the value before:
    /// a deleted state key (which may come back, and go again).
    pub ends: Vec<usize>,
    /// Its colour (an index into [`OKABE_ITO`]) when it must match another chart's (a
    /// k-means centre's); else the line's own position picks it.
    pub colour: Option<usize>,
    /// Drawn dashed: the second of two lines sharing a colour.
    pub dashed: bool,
}

impl Line {
    /// A solid line in the next colour.
    pub fn new(name: String, values: Vec<Option<f64>>) -> Self {
        Line {
            name,
            values,
            ends: Vec::new(),
            colour: None,
            dashed: false,
        }
    }
}

/// Props of [`LineChart`].
#[derive(Properties, PartialEq)]
pub struct LineChartProps {
    /// The accessible name: what the chart shows (the table beside it has the numbers).
    pub label: AttrValue,
    /// The chart's `data-testid`.
    pub testid: AttrValue,
    /// Batches on the x axis (1..=batches).
    pub batches: usize,
    /// The lines, each in its own colour.
    pub lines: Vec<Line>,
    /// What the y axis measures.
    pub y_name: AttrValue,
}

/// Width, height and margins of the charts (pixels of the viewBox).
pub const W: f64 = 520.0;
/// The charts' height.
pub const H: f64 = 220.0;
/// Room for the y axis's labels.
pub const LEFT: f64 = 56.0;
/// Room at the right.
pub const RIGHT: f64 = 14.0;
/// Room above.
pub const TOP: f64 = 12.0;
/// Room for the x axis's labels and name.
pub const BOTTOM: f64 = 34.0;

/// The x positions of batches `1..=batches`.
pub fn batch_scale(batches: usize) -> Scale {
    Scale {
        lo: 0.5,
        hi: batches.max(1) as f64 + 0.5,
        from: LEFT,
        to: W - RIGHT,
    }
}

/// The batch numbers worth labelling on the x axis: all up to 12, else every k-th.
pub fn batch_ticks(batches: usize) -> Vec<usize> {
    let every = batches.div_ceil(12).max(1);
    (1..=batches).filter(|b| (b - 1) % every == 0).collect()
}

/// Axes with round ticks: y on the left (gridlines across), batches along the bottom.
pub fn axes(x: &Scale, y: &Scale, x_ticks: &[(f64, String)], x_name: &str, y_name: &str) -> Html {
    html! {
        <g class="axes">
            { for y.ticks(5).into_iter().map(|t| { let py = y.at(t); html! {
                <g>
                    <line class="grid" x1={x.from.to_string()} x2={x.to.to_string()}
                        y1={py.to_string()} y2={py.to_string()} />
                    <text class="tick" x={(x.from - 6.0).to_string()} y={(py + 3.5).to_string()}
                        text-anchor="end">{ number(t) }</text>
                </g>
            }}) }
            <line class="axis" x1={x.from.to_string()} x2={x.to.to_string()}
                y1={y.from.to_string()} y2={y.from.to_string()} />
            { for x_ticks.iter().map(|(v, label)| html! {
                <text class="tick" x={x.at(*v).to_string()} y={(y.from + 14.0).to_string()}
                    text-anchor="middle">{ label }</text>
            }) }
            <text class="axis-name" x={((x.from + x.to) / 2.0).to_string()} y={(y.from + 29.0).to_string()}
                text-anchor="middle">{ x_name }</text>
            <text class="axis-name" x="12" y={((y.from + y.to) / 2.0).to_string()} text-anchor="middle"
                transform={format!("rotate(-90 12 {})", (y.from + y.to) / 2.0)}>{ y_name }</text>
        </g>
    }
}

/// The polyline runs of a line: consecutive batches with values (gaps split it).
fn runs(values: &[Option<f64>]) -> Vec<Vec<(usize, f64)>> {
    let mut out: Vec<Vec<(usize, f64)>> = Vec::new();
    let mut current = Vec::new();
    for (i, v) in values.iter().enumerate() {
        match v.filter(|v| v.is_finite()) {
            Some(v) => current.push((i + 1, v)),
            None if !current.is_empty() => out.push(std::mem::take(&mut current)),
            None => {}
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Values per batch as lines, with dots on each batch, a cross where a line ended, and a
/// legend under it.
#[function_component(LineChart)]
pub fn line_chart(props: &LineChartProps) -> Html {
    let x = batch_scale(props.batches);
    let y = Scale::over(
        props
            .lines
            .iter()
            .flat_map(|l| l.values.iter().flatten().copied()),
        H - BOTTOM,
        TOP,
    );
    let x_ticks: Vec<(f64, String)> = batch_ticks(props.batches)
        .into_iter()
        .map(|b| (b as f64, b.to_string()))
        .collect();
    let px = |b: usize, v: f64| (x.at(b as f64), y.at(v));
    html! {
        <div class="line-chart">
            <svg viewBox={format!("0 0 {W} {H}")} class="plot" role="img" data-testid={props.testid.clone()}
                aria-label={props.label.clone()}>
                { axes(&x, &y, &x_ticks, "batch", &props.y_name) }
                { for props.lines.iter().enumerate().map(|(k, line)| {
                    let stroke = colour(line.colour.unwrap_or(k));
                    let dash = if line.dashed { "6 4" } else { "none" };
                    // Each end's cross sits at the value of the last batch before it.
                    let before = |end: usize| line.values.iter().take(end.saturating_sub(1)).enumerate().rev()
                        .find_map(|(i, v)| v.filter(|v| v.is_finite()).map(|v| (i + 1, v)));
                    html! { <g class="series">
                        { for runs(&line.values).into_iter().map(|run| {
                            let points: Vec<String> = run.iter()
                                .map(|&(b, v)| { let (a, c) = px(b, v); format!("{a:.1},{c:.1}") }).collect();
                            html! { <>
                                <polyline points={points.join(" ")} fill="none" stroke={stroke} stroke-width="2" stroke-dasharray={dash} />
                                { for run.iter().map(|&(b, v)| { let (a, c) = px(b, v); html! {
                                    <circle cx={format!("{a:.1}")} cy={format!("{c:.1}")} r="2.6" fill={stroke} />
                                }}) }
                            </> }
                        }) }
                        { for line.ends.iter().filter_map(|&end| before(end).map(|(b, v)| end_mark(px(b, v), px(end, v), stroke))) }
                    </g> }
                }) }
            </svg>
            <ul class="legend" aria-hidden="true">
                { for props.lines.iter().enumerate().map(|(k, line)| html! {
                    <li>{ legend_key(colour(line.colour.unwrap_or(k)), line.dashed) }
                        { &line.name }{ if line.ends.is_empty() { "" } else { " ×" } }</li>
                }) }
            </ul>
        </div>
    }
}

/// A legend's sample of a line: its colour, and dashed if it is.
fn legend_key(stroke: &'static str, dashed: bool) -> Html {
    html! {
        <svg class="key" width="20" height="10" viewBox="0 0 20 10" aria-hidden="true">
            <line x1="1" y1="5" x2="19" y2="5" stroke={stroke} stroke-width="3"
                stroke-dasharray={if dashed { "5 3" } else { "none" }} />
        </svg>
    }
}

/// Where a line ended: a dashed step from its last value to the batch it ended in, and a
/// cross there.
fn end_mark(from: (f64, f64), at: (f64, f64), stroke: &'static str) -> Html {
    let (x, y) = at;
    let d = 4.5;
    html! { <g class="ended">
        <line x1={format!("{:.1}", from.0)} y1={format!("{:.1}", from.1)} x2={format!("{x:.1}")} y2={format!("{y:.1}")}
            stroke={stroke} stroke-width="1.5" stroke-dasharray="3 3" />
        <path d={format!("M{:.1},{:.1}L{:.1},{:.1}M{:.1},{:.1}L{:.1},{:.1}", x - d, y - d, x + d, y + d, x - d, y + d, x + d, y - d)}
            stroke={stroke} stroke-width="2.5" />
    </g> }
}

#[cfg(test)]
mod tests {
    // Under wasm32 the tests run in a browser (`cargo test --target wasm32-unknown-unknown`).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn ticks_are_round_and_inside_the_scale() {
        let s = Scale {
            lo: -0.3,
            hi: 2.2,
            from: 0.0,
            to: 1.0,
        };
        assert_eq!(s.ticks(5), vec![0.0, 0.5, 1.0, 1.5, 2.0]);
        let flat = Scale::over([3.0, 3.0], 100.0, 0.0);
        assert!(flat.lo < 3.0 && flat.hi > 3.0);
        assert_eq!(flat.at(3.0), 50.0);
    }

    #[test]
    fn numbers_print_short() {
        assert_eq!(number(100.0), "100");
        assert_eq!(number(0.123456), "0.1235");
        assert_eq!(number(2.5), "2.5");
        assert_eq!(number(1.5e-7), "1.50e-7");
    }

    #[test]
    fn gaps_split_a_line_into_runs() {
        let r = runs(&[Some(1.0), None, Some(2.0), Some(3.0)]);
        assert_eq!(r, vec![vec![(1, 1.0)], vec![(3, 2.0), (4, 3.0)]]);
    }
}
