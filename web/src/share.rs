//! Share links: the program, the preset it came from and the batch shown live in the URL
//! fragment, versioned (`#v1.`) and compressed (deflate, then base64url), so a link opens the
//! same view and old links keep working when the format grows.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;

/// What a link carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shared {
    /// The preset the program came from.
    pub preset: usize,
    /// The batch shown.
    pub batch: usize,
    /// The program.
    pub source: String,
}

const PREFIX: &str = "v1.";

/// The URL fragment (without `#`) for `shared`.
pub fn encode(shared: &Shared) -> String {
    let text = format!("{}\n{}\n{}", shared.preset, shared.batch, shared.source);
    let packed = miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 9);
    format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(packed))
}

/// What a URL fragment (with or without `#`) carries, if it is a share link.
pub fn decode(fragment: &str) -> Option<Shared> {
    let body = fragment.trim_start_matches('#').strip_prefix(PREFIX)?;
    let packed = URL_SAFE_NO_PAD.decode(body).ok()?;
    // A link is small; refuse anything that inflates past a generous program size.
    let bytes = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, 4 << 20).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let mut parts = text.splitn(3, '\n');
    Some(Shared {
        preset: parts.next()?.parse().ok()?,
        batch: parts.next()?.parse().ok()?,
        source: parts.next()?.to_string(),
    })
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn a_link_round_trips_and_is_shorter_than_the_program() {
        let shared = Shared {
            preset: 3,
            batch: 5,
            source: crate::presets::PRESETS[4].source.to_string(),
        };
        let link = encode(&shared);
        assert!(link.starts_with("v1."));
        assert!(link.len() < shared.source.len());
        assert_eq!(decode(&format!("#{link}")), Some(shared));
    }

    #[test]
    fn other_fragments_are_not_share_links() {
        assert_eq!(decode(""), None);
        assert_eq!(decode("#section"), None);
        assert_eq!(decode("#v1.!!!"), None);
    }
}
