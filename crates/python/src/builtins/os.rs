//! `os` and `os.path` over the program's virtual file system: what programs use to look at
//! the directories `saveAsTextFiles` wrote (`os.listdir`, `os.path.join`, `os.path.exists`).

use std::rc::Rc;

use super::arg;
use crate::interp::{Exc, Interp, Kwargs};
use crate::obj::{Module, Obj};

/// The names of `os` (with `os.path` as a submodule).
pub fn names() -> Vec<(&'static str, Obj)> {
    vec![
        ("listdir", Obj::Builtin("os.listdir")),
        ("makedirs", Obj::Builtin("os.makedirs")),
        ("mkdir", Obj::Builtin("os.mkdir")),
        ("remove", Obj::Builtin("os.remove")),
        ("sep", Obj::str("/")),
        ("path", path_module()),
    ]
}

/// `os.path`.
pub fn path_module() -> Obj {
    Obj::Module(Rc::new(Module {
        name: "os.path",
        attrs: vec![
            ("join", Obj::Builtin("os.path.join")),
            ("exists", Obj::Builtin("os.path.exists")),
            ("isdir", Obj::Builtin("os.path.isdir")),
            ("isfile", Obj::Builtin("os.path.isfile")),
            ("basename", Obj::Builtin("os.path.basename")),
            ("dirname", Obj::Builtin("os.path.dirname")),
        ],
    }))
}

/// Calls `os.<func>` / `os.path.<func>`.
pub fn call(interp: &Interp, func: &str, args: Vec<Obj>, _kwargs: Kwargs) -> Result<Obj, Exc> {
    let path = |i: usize| arg(&args, i, func).map(Obj::to_str);
    Ok(match func {
        "listdir" => {
            let dir = args.first().map_or(".".to_string(), Obj::to_str);
            let names = interp.spark.list_dir(&dir);
            if names.is_empty() && !interp.spark.is_dir(&dir) {
                return Err(Exc::new(
                    "FileNotFoundError",
                    format!("[Errno 2] No such file or directory: '{dir}'"),
                ));
            }
            Obj::list(names.into_iter().map(Obj::str).collect())
        }
        "makedirs" | "mkdir" | "remove" => Obj::None,
        "path.join" => {
            let mut out = String::new();
            for a in &args {
                let part = a.to_str();
                if part.starts_with('/') {
                    out = part;
                } else if out.is_empty() || out.ends_with('/') {
                    out.push_str(&part);
                } else {
                    out.push('/');
                    out.push_str(&part);
                }
            }
            Obj::str(out)
        }
        "path.exists" => {
            let p = path(0)?;
            Obj::Bool(
                interp.spark.read_file(&p).is_some()
                    || interp.spark.is_dir(&p)
                    || interp.read_file(&p).is_ok(),
            )
        }
        "path.isdir" => Obj::Bool(interp.spark.is_dir(&path(0)?)),
        "path.isfile" => {
            let p = path(0)?;
            Obj::Bool(interp.spark.read_file(&p).is_some() || interp.read_file(&p).is_ok())
        }
        "path.basename" => Obj::str(path(0)?.rsplit('/').next().unwrap_or("")),
        "path.dirname" => Obj::str(path(0)?.rsplit_once('/').map_or("", |(d, _)| d)),
        _ => {
            return Err(Exc::new(
                "NotImplementedError",
                format!("Eddy does not support os.{func} yet"),
            ))
        }
    })
}
