//! The Costs view's bar charts: SVG with a legend, an axis from zero to the largest value, and each bar's
//! value written beside it; drawn 320 units wide so the text stays readable at 360 px. The figures are the
//! ones the table under each chart lists (the core's estimate and projection); the chart's description says
//! them in words for screen readers.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use yew::prelude::*;

/// Width of the drawing, in its own units (about its width in CSS pixels on a phone).
const WIDTH: f64 = 320.0;
/// Where the bars start (the labels are left of it).
const LABEL: f64 = 128.0;
/// The longest bar (the value is written after it).
const BAR: f64 = 112.0;
/// Height of one row.
const ROW: f64 = 22.0;
/// Height of the legend above the rows.
const LEGEND: f64 = 22.0;

/// One bar: its label, its parts (one per series, stacked left to right) and its value as written.
pub(super) struct Bar {
    pub label: String,
    pub parts: Vec<Decimal>,
    pub value: String,
}

/// A horizontal bar chart. `series` names each part of a bar and its CSS class (the legend); `max` is written
/// at the end of the axis; `description` is the text alternative.
pub(super) fn bar_chart(
    id: &'static str,
    title: &str,
    description: &str,
    series: &[(&'static str, &'static str)],
    bars: &[Bar],
    max: (Decimal, String),
) -> Html {
    let (max, max_text) = max;
    let scale =
        |d: Decimal| if max <= Decimal::ZERO { 0.0 } else { (d / max).to_f64().unwrap_or(0.0).clamp(0.0, 1.0) * BAR };
    #[allow(clippy::cast_precision_loss, reason = "a chart has a few dozen rows")]
    let bottom = LEGEND + ROW * bars.len() as f64;
    let height = bottom + 18.0;
    let (title_id, desc_id) = (format!("{id}-title"), format!("{id}-desc"));
    html! {
        <svg {id} class="chart" role="img" aria-labelledby={format!("{title_id} {desc_id}")} viewBox={format!("0 0 {WIDTH} {height}")} width="100%">
            <title id={title_id}>{ title }</title>
            <desc id={desc_id}>{ description }</desc>
            // The legend.
            { for series.iter().enumerate().map(|(i, (name, class))| {
                #[allow(clippy::cast_precision_loss, reason = "two or three series")]
                let x = 120.0 * i as f64;
                html! { <g class="legend">
                    <rect x={x.to_string()} y="4" width="10" height="10" class={*class} />
                    <text x={(x + 14.0).to_string()} y="13" class="chart-label">{ *name }</text>
                </g> }
            }) }
            { for bars.iter().enumerate().map(|(i, b)| {
                #[allow(clippy::cast_precision_loss, reason = "a chart has a few dozen rows")]
                let y = LEGEND + ROW * i as f64;
                let mut x = LABEL;
                let parts = b.parts.iter().zip(series).map(|(d, (_, class))| {
                    let w = scale(*d);
                    let rect = html! { <rect x={x.to_string()} y={(y + 4.0).to_string()} width={w.to_string()} height="14" class={*class} /> };
                    x += w;
                    rect
                }).collect::<Html>();
                html! { <g>
                    <text x={(LABEL - 6.0).to_string()} y={(y + 15.0).to_string()} class="chart-label" text-anchor="end">{ &b.label }</text>
                    { parts }
                    <text x={(x + 4.0).to_string()} y={(y + 15.0).to_string()} class="chart-value">{ &b.value }</text>
                </g> }
            }) }
            // The axis: zero at the start of the bars, the largest value at the end of the longest.
            <line x1={LABEL.to_string()} y1={LEGEND.to_string()} x2={LABEL.to_string()} y2={bottom.to_string()} class="chart-axis" />
            <line x1={LABEL.to_string()} y1={bottom.to_string()} x2={(LABEL + BAR).to_string()} y2={bottom.to_string()} class="chart-axis" />
            <text x={LABEL.to_string()} y={(bottom + 14.0).to_string()} class="chart-tick" text-anchor="middle">{ "0" }</text>
            <text x={(LABEL + BAR).to_string()} y={(bottom + 14.0).to_string()} class="chart-tick" text-anchor="middle">{ max_text }</text>
        </svg>
    }
}
