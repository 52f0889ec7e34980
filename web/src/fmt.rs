//! Numbers and money in the reader's locale (`Intl.NumberFormat` with the browser's language). The core
//! decides the amount and its decimal places ([`acg_core::billing::display_amount`]); this only writes it.

use std::cell::RefCell;
use std::collections::HashMap;

use js_sys::{Intl, Object, Reflect};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use wasm_bindgen::JsValue;

thread_local! {
    static FORMATS: RefCell<HashMap<(String, u32), Intl::NumberFormat>> = RefCell::new(HashMap::new());
}

fn locale() -> JsValue {
    web_sys::window().and_then(|w| w.navigator().language()).map_or(JsValue::UNDEFINED, |l| JsValue::from_str(&l))
}

/// Formats `value` with a cached `Intl.NumberFormat` (`currency` empty: a plain number, up to `places` decimals).
fn format(value: f64, currency: &str, places: u32) -> Option<String> {
    FORMATS.with(|cache| {
        let mut cache = cache.borrow_mut();
        let key = (currency.to_owned(), places);
        if !cache.contains_key(&key) {
            let options = Object::new();
            if currency.is_empty() {
                Reflect::set(&options, &"maximumFractionDigits".into(), &places.into()).ok()?;
            } else {
                Reflect::set(&options, &"style".into(), &"currency".into()).ok()?;
                Reflect::set(&options, &"currency".into(), &currency.into()).ok()?;
                Reflect::set(&options, &"minimumFractionDigits".into(), &places.into()).ok()?;
                Reflect::set(&options, &"maximumFractionDigits".into(), &places.into()).ok()?;
            }
            let locales = js_sys::Array::of1(&locale());
            cache.insert(key.clone(), Intl::NumberFormat::new(&locales, &options));
        }
        let f = cache.get(&key)?.format();
        f.call1(&JsValue::NULL, &JsValue::from_f64(value)).ok()?.as_string()
    })
}

/// Money in the reader's locale, e.g. `$3.00`, `3,00 €`; falls back to the core's own text.
pub fn money(amount: Decimal, currency: &str) -> String {
    let (rounded, places) = acg_core::billing::display_amount(amount);
    rounded
        .to_f64()
        .and_then(|v| format(v, currency, places))
        .unwrap_or_else(|| acg_core::billing::format_money(amount, currency))
}

/// A quantity in the reader's locale (grouping, decimal mark), up to 2 decimals.
pub fn number(value: Decimal) -> String {
    value.to_f64().and_then(|v| format(v, "", 2)).unwrap_or_else(|| value.normalize().to_string())
}
