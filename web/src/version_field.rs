//! A field that parses an image version name with `acg-core` as the user types.

use acg_core::ImageVersionName;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Properties of [`VersionField`].
#[derive(Properties, PartialEq, Default)]
pub struct VersionFieldProps {
    /// The initial text.
    #[prop_or_default]
    pub initial: AttrValue,
}

/// An input for a version name with its verdict below it.
#[component]
pub fn VersionField(props: &VersionFieldProps) -> Html {
    let text = use_state(|| props.initial.to_string());
    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            text.set(input.value());
        })
    };
    let verdict = if text.is_empty() {
        html! { <p id="version-name-message" class="hint">{ "Type a name such as 1.0.12" }</p> }
    } else {
        match text.parse::<ImageVersionName>() {
            Ok(v) => html! {
                <p id="version-name-message" class="ok" role="status">
                    <span aria-hidden="true">{ "✓ " }</span>
                    { format!("Valid: major {}, minor {}, patch {}", v.major(), v.minor(), v.patch()) }
                </p>
            },
            Err(e) => html! {
                <p id="version-name-message" class="error" role="alert">
                    <span aria-hidden="true">{ "✗ " }</span>{ format!("Invalid: {e}") }
                </p>
            },
        }
    };
    html! {
        <div class="field">
            <label for="version-name">{ "Image version name" }</label>
            <input id="version-name" type="text" autocomplete="off" spellcheck="false"
                   aria-describedby="version-name-message" value={(*text).clone()} {oninput} />
            { verdict }
        </div>
    }
}
