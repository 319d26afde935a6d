//! The catalog of preset programs: the seed tutorials' PySpark programs and programs that show
//! one idea each. The files live in `static/presets/` (they are also conformance programs, so
//! each prints what real PySpark printed).

/// A preset program.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Preset {
    /// Its file name without `.py`: the stable id used in links.
    pub id: &'static str,
    /// What the picker shows.
    pub title: &'static str,
    /// The program.
    pub source: &'static str,
}

macro_rules! preset {
    ($id:literal, $title:literal) => {
        Preset {
            id: $id,
            title: $title,
            source: include_str!(concat!("../../static/presets/", $id, ".py")),
        }
    };
}

/// Every preset, the first loaded when the page opens.
pub const PRESETS: &[Preset] = &[
    preset!(
        "seed_a_reduce_add",
        "Seed (a): queue of batches, reduce(add)"
    ),
    preset!(
        "seed_b_active_users_window",
        "Seed (b): active users over a window"
    ),
    preset!(
        "seed_c_rbkw_inv_3_1",
        "Seed (c): high scores, reduceByKeyAndWindow"
    ),
    preset!(
        "seed_d_update_state_running_totals",
        "Seed (d): running totals, updateStateByKey"
    ),
    preset!(
        "seed_e_linreg_sgd",
        "Seed (e): streaming linear regression, MSE per batch"
    ),
    preset!("seed_f_kmeans", "Seed (f): streaming k-means"),
    preset!(
        "ml_humidity_regression_sml2010",
        "Humidity regression on SML2010 (real data)"
    ),
    preset!(
        "orders_top5_clients",
        "Spark in Action: orders, top-5 clients"
    ),
    preset!(
        "rbkw_inv_5_1_zero_keys",
        "Windows: the inverse path keeps zero keys"
    ),
    preset!(
        "window_4_slide_2",
        "Windows: window(4, 2) with a 2-batch slide"
    ),
    preset!(
        "update_state_drop_none",
        "State: returning None deletes a key"
    ),
    preset!("join_two_streams", "Joins of two keyed streams"),
    preset!("wordcount_text_batches", "Word count over text batches"),
    preset!("files_word_count", "Files: drop text files, one batch each"),
];
