//! Windowing: a long list or table renders only the rows in view, plus a few above and below.
//!
//! [`Window`] is a scroll box of its own (at most about two thirds of the screen high) holding a spacer, the rows
//! in view, and a spacer: the spacers stand for the rows not rendered, so the scroll bar is the whole list's. Rows
//! have one height (the styles keep them to one line); the height is measured from the rows rendered (a phone's
//! card is taller than a desktop's row), and until then the pitch last measured for the caller's estimate, or the
//! estimate. Each row carries
//! `data-row="{index}"`; [`Goto`] brings a row into view, and focuses it (keyboard moves in a tree), even when
//! it was not rendered. The spacers' heights are set through the style object: the page's Content-Security-Policy
//! allows no inline style.

use std::cell::RefCell;
use std::ops::Range;

use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Rows rendered above and below those in view: enough for Tab and the arrow keys to reach the next row before
/// it is in view, and for a fast scroll to show rows rather than blank space.
const OVERSCAN: usize = 12;
/// The scroll box's height before it is measured (and while it has none: a closed `<details>`).
const DEFAULT_HEIGHT: f64 = 800.0;

thread_local! {
    /// The row pitch last measured for each estimate callers give (by its bits): a window shown again starts
    /// with it, so it renders its rows once rather than once with the estimate and again with the measure.
    static MEASURED: RefCell<Vec<(u64, f64)>> = const { RefCell::new(Vec::new()) };
}

/// The pitch to start with: the one last measured for this estimate, else the estimate.
fn remembered_pitch(estimate: f64) -> f64 {
    MEASURED.with_borrow(|m| m.iter().find(|(k, _)| *k == estimate.to_bits()).map_or(estimate, |(_, p)| *p))
}

fn remember_pitch(estimate: f64, pitch: f64) {
    MEASURED.with_borrow_mut(|m| match m.iter_mut().find(|(k, _)| *k == estimate.to_bits()) {
        Some(entry) => entry.1 = pitch,
        None => m.push((estimate.to_bits(), pitch)),
    });
}

/// A request to bring row `index` into view (and focus it when `focus`); `serial` tells two requests for the
/// same row apart.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Goto {
    /// The row.
    pub index: usize,
    /// Focus the row once it is rendered.
    pub focus: bool,
    /// Changes with every request.
    pub serial: u32,
}

/// Props of [`Window`].
#[derive(Properties, PartialEq)]
pub struct WindowProps {
    /// How many rows there are in all.
    pub len: usize,
    /// Renders the rows in a range (and what holds them: a `<ul>`, a `<table>`); each row with `data-row`.
    pub rows: Callback<Range<usize>, Html>,
    /// A row's height in pixels until one is measured.
    #[prop_or(32.0)]
    pub row_height: f64,
    /// A row to bring into view.
    #[prop_or_default]
    pub goto: Option<Goto>,
    /// Classes of the scroll box, beside `window`.
    #[prop_or_default]
    pub class: Classes,
    /// A name for the scroll box, for rows with nothing to focus: the box is then a region in the tab order, so
    /// the keyboard scrolls it.
    #[prop_or_default]
    pub label: Option<AttrValue>,
}

/// What is scrolled: the box's scroll offset and height, and a row's height.
#[derive(Clone, Copy, PartialEq, Debug)]
struct Metrics {
    top: f64,
    height: f64,
    pitch: f64,
}

/// The rows to render: those in view and the overscan around them. A pure function of the numbers.
pub fn rows_in_view(len: usize, top: f64, height: f64, pitch: f64) -> Range<usize> {
    let pitch = if pitch.is_finite() && pitch >= 1.0 { pitch } else { 1.0 };
    let height = if height > 0.0 { height } else { DEFAULT_HEIGHT };
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "non-negative, clamped to len below")]
    let first = (top.max(0.0) / pitch).floor() as usize;
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "non-negative, clamped to len below")]
    let shown = (height / pitch).ceil() as usize + 1;
    // Start at a multiple of the overscan, so a scroll of a row or two renders nothing new.
    let start = (first.saturating_sub(OVERSCAN) / OVERSCAN * OVERSCAN).min(len);
    let end = (first + shown + 2 * OVERSCAN).min(len).max(start);
    start..end
}

/// The scroll offset that shows row `index` whole, scrolling as little as possible from `top`.
pub fn top_showing(index: usize, top: f64, height: f64, pitch: f64) -> f64 {
    #[allow(clippy::cast_precision_loss, reason = "row counts are far below 2^52")]
    let y = index as f64 * pitch;
    let height = if height > 0.0 { height } else { DEFAULT_HEIGHT };
    if y < top {
        y
    } else if y + pitch > top + height {
        (y + pitch - height).max(0.0)
    } else {
        top
    }
}

/// The most the scroll box can be high before it is measured: 70% of the viewport (the styles cap it there), so a
/// window first renders the rows that can be in view, not those of a taller default.
fn viewport_share() -> f64 {
    web_sys::window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|h| h.as_f64())
        .filter(|h| *h > 0.0)
        .map_or(DEFAULT_HEIGHT, |h| (h * 0.7).min(DEFAULT_HEIGHT))
}

fn html_element(e: Option<web_sys::Element>) -> Option<web_sys::HtmlElement> {
    e.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
}

/// The pitch of the rows rendered in `scroller` (the least distance between consecutive rows' tops, so an
/// expanded row between two does not count), or `None` with fewer than two rows.
fn measured_pitch(scroller: &web_sys::Element) -> Option<f64> {
    let rows = scroller.query_selector_all("[data-row]").ok()?;
    let tops: Vec<f64> = (0..rows.length().min(8))
        .filter_map(|i| rows.item(i).and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok()))
        .map(|e| e.get_bounding_client_rect().top())
        .collect();
    tops.windows(2).map(|w| w[1] - w[0]).filter(|d| *d >= 1.0).reduce(f64::min)
}

/// A scroll box that renders only the rows in view (see the module's documentation).
#[component]
pub fn Window(props: &WindowProps) -> Html {
    let scroller = use_node_ref();
    let estimate = props.row_height;
    let metrics = use_state_eq(|| Metrics { top: 0.0, height: viewport_share(), pitch: remembered_pitch(estimate) });
    let top_spacer = use_node_ref();
    let bottom_spacer = use_node_ref();
    let pending_focus = use_mut_ref(|| None::<usize>);
    let len = props.len;
    let range = rows_in_view(len, metrics.top, metrics.height, metrics.pitch);
    let onscroll = {
        let (scroller, metrics) = (scroller.clone(), metrics.clone());
        Callback::from(move |_: Event| {
            if let Some(el) = scroller.cast::<web_sys::Element>() {
                let height = f64::from(el.client_height());
                metrics.set(Metrics {
                    top: f64::from(el.scroll_top()),
                    height: if height > 0.0 { height } else { DEFAULT_HEIGHT },
                    pitch: metrics.pitch,
                });
            }
        })
    };
    // After every render: the spacers' heights, the rows' measured height, and a focus that waited for its row.
    {
        let (scroller, metrics, pending_focus) = (scroller.clone(), metrics.clone(), pending_focus.clone());
        let (top_spacer, bottom_spacer, range) = (top_spacer.clone(), bottom_spacer.clone(), range.clone());
        use_effect(move || {
            #[allow(clippy::cast_precision_loss, reason = "row counts are far below 2^52")]
            let (above, below) = (range.start as f64 * metrics.pitch, (len - range.end) as f64 * metrics.pitch);
            for (spacer, px) in [(&top_spacer, above), (&bottom_spacer, below)] {
                if let Some(el) = spacer.cast::<web_sys::HtmlElement>() {
                    let _ = el.style().set_property("height", &format!("{px:.0}px"));
                }
            }
            if let Some(el) = scroller.cast::<web_sys::Element>() {
                if let Some(pitch) = measured_pitch(&el)
                    && (pitch - metrics.pitch).abs() > 0.5
                {
                    remember_pitch(estimate, pitch);
                    metrics.set(Metrics { pitch, ..*metrics });
                }
                let waiting = *pending_focus.borrow();
                if let Some(index) = waiting
                    && let Some(row) =
                        html_element(el.query_selector(&format!("[data-row=\"{index}\"]")).ok().flatten())
                {
                    pending_focus.borrow_mut().take();
                    let _ = row.focus();
                }
            }
        });
    }
    // A row asked for: scrolled to (the rows around it render next), then focused when asked.
    {
        let (scroller, metrics, pending_focus) = (scroller.clone(), metrics.clone(), pending_focus.clone());
        use_effect_with(props.goto, move |goto| {
            if let (Some(goto), Some(el)) = (goto, scroller.cast::<web_sys::Element>()) {
                let index = goto.index.min(len.saturating_sub(1));
                let height = f64::from(el.client_height());
                let now = Metrics {
                    top: f64::from(el.scroll_top()),
                    height: if height > 0.0 { height } else { DEFAULT_HEIGHT },
                    pitch: metrics.pitch,
                };
                let top = top_showing(index, now.top, now.height, now.pitch);
                if (top - now.top).abs() >= 1.0 {
                    #[allow(clippy::cast_possible_truncation, reason = "a scroll offset in pixels")]
                    el.set_scroll_top(top.round() as i32);
                }
                if goto.focus {
                    *pending_focus.borrow_mut() = Some(index);
                    if let Some(row) =
                        html_element(el.query_selector(&format!("[data-row=\"{index}\"]")).ok().flatten())
                    {
                        pending_focus.borrow_mut().take();
                        let _ = row.focus();
                    }
                }
                metrics.set(Metrics { top: f64::from(el.scroll_top()), ..now });
            }
        });
    }
    html! {
        <div class={classes!("window", props.class.clone())} ref={scroller} {onscroll}
            role={props.label.as_ref().map(|_| "region")} aria-label={props.label.clone()} tabindex={props.label.as_ref().map(|_| "0")}>
            <div class="window-spacer" aria-hidden="true" ref={top_spacer}></div>
            { props.rows.emit(range) }
            <div class="window-spacer" aria-hidden="true" ref={bottom_spacer}></div>
        </div>
    }
}
