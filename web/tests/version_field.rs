//! The version field reads its verdict from acg-core and shows it in the DOM.

use acg_web::VersionField;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{HtmlInputElement, InputEvent, InputEventInit};

wasm_bindgen_test_configure!(run_in_browser);

fn mount() -> web_sys::Element {
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<VersionField>::with_root(root.clone()).render();
    root
}

async fn type_into(root: &web_sys::Element, text: &str) -> String {
    let input: HtmlInputElement = root.query_selector("#version-name").unwrap().unwrap().dyn_into().unwrap();
    input.set_value(text);
    let init = InputEventInit::new();
    init.set_bubbles(true);
    input.dispatch_event(&InputEvent::new_with_event_init_dict("input", &init).unwrap()).unwrap();
    yew::platform::time::sleep(std::time::Duration::ZERO).await;
    root.query_selector("#version-name-message").unwrap().unwrap().text_content().unwrap()
}

#[wasm_bindgen_test]
async fn shows_the_verdict_of_acg_core() {
    let root = mount();
    yew::platform::time::sleep(std::time::Duration::ZERO).await;
    assert_eq!(type_into(&root, "1.0.12").await, "✓ Valid: major 1, minor 0, patch 12");
    assert_eq!(
        type_into(&root, "1.0").await,
        "✗ Invalid: expected three numbers separated by dots (Major.Minor.Patch), found 2 parts"
    );
    assert_eq!(
        type_into(&root, "1.0.x").await,
        "✗ Invalid: the Patch part 'x' is not a number: only digits 0-9 are allowed"
    );
    root.remove();
}
