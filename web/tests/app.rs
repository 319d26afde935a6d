//! The playground's components in a real browser (wasm-bindgen-test, headless Chromium).
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use eddy_web::state::{Action, Playground};
use eddy_web::App;
use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;
use yew::Reducible;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts the app in a fresh element and waits for the first render.
async fn mount() -> web_sys::Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let mounted = root.clone();
    yew::Renderer::<App>::with_root_and_props(
        root.clone(),
        eddy_web::AppProps {
            runner: Some(eddy_web::worker::serve),
        },
    )
    .render();
    // The program runs in an effect after the first render: wait until its run is loaded.
    for _ in 0..100 {
        TimeoutFuture::new(20).await;
        let has = |q: &str| mounted.query_selector(q).ok().flatten().is_some();
        let loaded = has("[data-testid='step']") && !has("[data-testid='running']");
        if loaded {
            break;
        }
    }
    root
}

fn by_testid(root: &web_sys::Element, id: &str) -> web_sys::Element {
    root.query_selector(&format!("[data-testid='{id}']"))
        .unwrap()
        .unwrap_or_else(|| panic!("no element with data-testid {id}"))
}

#[wasm_bindgen_test]
async fn step_runs_one_batch_and_prints_it() {
    let root = mount().await;
    assert_eq!(by_testid(&root, "batch-index").text_content().unwrap(), "0");
    by_testid(&root, "step")
        .unchecked_into::<HtmlElement>()
        .click();
    TimeoutFuture::new(50).await;
    assert_eq!(by_testid(&root, "batch-index").text_content().unwrap(), "1");
    let console = by_testid(&root, "console").text_content().unwrap();
    assert!(console
        .starts_with("-------------------------------------------\nTime: 1970-01-01 00:00:01\n"));
    assert!(
        console.contains("\n6\n"),
        "reduce(add) of [1, 2, 3]: {console}"
    );
}

#[wasm_bindgen_test]
async fn the_chart_draws_a_bar_per_batch() {
    let root = mount().await;
    by_testid(&root, "step")
        .unchecked_into::<HtmlElement>()
        .click();
    TimeoutFuture::new(50).await;
    let chart = by_testid(&root, "chart");
    assert_eq!(chart.query_selector_all("rect.bar").unwrap().length(), 1);
    let text = by_testid(&root, "chart-text").text_content().unwrap();
    assert_eq!(text, "batch 1: 3", "chart text");
}

#[wasm_bindgen_test]
fn step_back_pauses_and_undoes_the_last_batch() {
    let state = Rc::new(Playground::default());
    let twice = state.reduce(Action::Step).reduce(Action::Step);
    let once_text = Rc::new(Playground::default())
        .reduce(Action::Step)
        .console()
        .to_string();
    let back = twice.reduce(Action::Play).reduce(Action::StepBack);
    assert_eq!(back.batches_run(), 1);
    assert!(!back.playing);
    assert_eq!(back.console(), once_text);
}

#[wasm_bindgen_test]
fn reset_returns_to_before_the_first_batch() {
    let state = Rc::new(Playground::default());
    let state = state
        .reduce(Action::Step)
        .reduce(Action::Play)
        .reduce(Action::Reset);
    assert_eq!(state.batches_run(), 0);
    assert!(!state.playing);
    assert_eq!(state.console(), "");
}

#[wasm_bindgen_test]
async fn every_preset_loads_and_runs_without_an_error() {
    // The test server does not serve static/data, which the page fetches from beside itself.
    eddy_web::data::preload(
        "data/sml2010/NEW-DATA-1.T15.txt",
        include_str!("../../static/data/sml2010/NEW-DATA-1.T15.txt"),
    );
    for (i, preset) in eddy_web::presets::PRESETS.iter().enumerate() {
        let state = Rc::new(Playground::with_preset(i));
        assert!(
            state.run.error.is_none(),
            "{}: {:?}",
            preset.id,
            state.run.error
        );
        assert!(state.batches() > 0, "{} ran no batches", preset.id);
    }
}

#[wasm_bindgen_test]
async fn an_edited_program_with_an_error_marks_its_line() {
    let root = mount().await;
    let editor: web_sys::HtmlTextAreaElement = by_testid(&root, "editor").unchecked_into();
    editor.set_value(
        "from pyspark import SparkContext\nsc = SparkContext()\nprint(undefined_name)\n",
    );
    editor
        .dispatch_event(&web_sys::InputEvent::new("input").unwrap())
        .unwrap();
    TimeoutFuture::new(20).await;
    by_testid(&root, "run")
        .unchecked_into::<HtmlElement>()
        .click();
    TimeoutFuture::new(50).await;
    let error = by_testid(&root, "error").text_content().unwrap();
    assert!(error.contains("line 3"), "{error}");
    assert!(error.contains("NameError"), "{error}");
    let marked = root.query_selector(".error-line").unwrap().unwrap();
    assert_eq!(marked.text_content().unwrap(), "3");
}

#[wasm_bindgen_test]
async fn the_palette_writes_its_step_into_the_program_and_marks_the_lines() {
    let root = mount().await;
    let editor: web_sys::HtmlTextAreaElement = by_testid(&root, "editor").unchecked_into();
    let before = editor.value();
    // The form opens on map, reading the newest stream, with its first common function.
    let preview = by_testid(&root, "palette-preview").text_content().unwrap();
    assert_eq!(
        preview,
        "mapped = inputStream.map(lambda x: (x, 1))\nmapped.pprint()"
    );
    by_testid(&root, "palette-add")
        .unchecked_into::<HtmlElement>()
        .click();
    TimeoutFuture::new(50).await;
    let after = editor.value();
    assert_eq!(
        after,
        before.replace(
            "inputStream.pprint()\n",
            "inputStream.pprint()\nmapped = inputStream.map(lambda x: (x, 1))\nmapped.pprint()\n"
        )
    );
    let marked: Vec<String> = (0..2)
        .map(|i| {
            let all = root.query_selector_all(".gutter .marked").unwrap();
            all.item(i).unwrap().text_content().unwrap()
        })
        .collect();
    assert_eq!(marked, ["28", "29"]);
    // Its run came back: the new stream is an input the palette offers.
    let inputs = by_testid(&root, "palette-input").text_content().unwrap();
    assert!(inputs.contains("mapped"), "{inputs}");
}
