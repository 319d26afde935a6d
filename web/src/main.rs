//! The playground's entry point: mounts [`eddy_web::App`] on the page.

fn main() {
    yew::Renderer::<eddy_web::App>::new().render();
}
