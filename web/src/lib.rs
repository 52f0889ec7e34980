//! `acg-web`: the Compute Gallery planner in the browser (Yew, client-side only).
//!
//! Components render; `acg-core` computes. Nothing the user types leaves the browser.

mod version_field;

use yew::prelude::*;

pub use version_field::VersionField;

/// The whole app.
#[component]
pub fn App() -> Html {
    html! {
        <main class="app">
            <header class="app-header">
                <h1>{ "Compute Gallery Planner" }</h1>
                <p class="tagline">{ "Design Azure Compute Gallery images, see what Azure would reject, which version is latest where, and what it costs. Offline, in your browser." }</p>
            </header>
            <section class="card" aria-labelledby="version-check-title">
                <h2 id="version-check-title">{ "Check an image version name" }</h2>
                <VersionField />
            </section>
        </main>
    }
}

/// Mounts the app on the document body.
pub fn start() {
    yew::Renderer::<App>::new().render();
}
