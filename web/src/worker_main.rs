//! The Web Worker's entry point (trunk: `data-bin="eddy-worker" data-type="worker"`).

use eddy_web::worker::{Json, RunWorker};
use gloo_worker::Registrable;

fn main() {
    RunWorker::registrar().encoding::<Json>().register();
}
