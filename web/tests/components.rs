//! Components with logic in the DOM: the version field's verdict, and a form field's own issues.

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

/// A button or a tree item (the design tree's items are `role="treeitem"`) whose text contains `text`.
fn button_with_text(root: &web_sys::Element, text: &str) -> web_sys::HtmlElement {
    let buttons = root.query_selector_all("button, [role=treeitem]").unwrap();
    (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .find(|b| b.text_content().unwrap_or_default().contains(text))
        .unwrap_or_else(|| panic!("no button with {text}"))
}

async fn tick() {
    yew::platform::time::sleep(std::time::Duration::from_millis(20)).await;
}

#[wasm_bindgen_test]
async fn a_form_field_shows_azures_message_for_its_own_path_after_a_pause() {
    gloo::utils::window().local_storage().unwrap().unwrap().clear().unwrap();
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<acg_web::App>::with_root(root.clone()).render();
    tick().await;
    // The sample plan is shown; select its first gallery.
    button_with_text(&root, "contoso_prod").click();
    tick().await;
    let input: HtmlInputElement = root.query_selector("#gallery-name").unwrap().unwrap().dyn_into().unwrap();
    assert_eq!(input.value(), "contoso_prod");
    input.set_value("contoso-prod");
    let init = InputEventInit::new();
    init.set_bubbles(true);
    input.dispatch_event(&InputEvent::new_with_event_init_dict("input", &init).unwrap()).unwrap();
    tick().await;
    let issues = || root.query_selector("#gallery-name-issues").unwrap().unwrap().text_content().unwrap();
    // While typing, nothing is judged: the field hands its text to the plan after a pause (or on blur).
    assert_eq!(issues(), "");
    assert_eq!(input.value(), "contoso-prod", "the typed text stays");
    yew::platform::time::sleep(std::time::Duration::from_millis(800)).await;
    let issues = issues();
    assert!(
        issues.starts_with(
            "Error GAL-02 Gallery name is invalid. Allowed characters are English alphanumeric characters"
        ),
        "{issues}"
    );
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    root.remove();
}
