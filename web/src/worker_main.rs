//! The Web Worker's entry point (trunk: `data-bin="eddy-worker" data-type="worker"`).

use eddy_web::worker::{Json, RunWorker};
use gloo_worker::Registrable;

fn main() {
    // "\N{NAME}" looks names up in data/unicode-names.txt, fetched when a program spells one.
    eddy_web::names::install();
    RunWorker::registrar().encoding::<Json>().register();
}
